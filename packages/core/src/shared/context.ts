import type { Actor } from "@rdlink/auth";

/** Who acted and from where, as the audit trail records it. Null actor: not signed in. */
export type AuditContext = {
  actor: Pick<Actor, "userId" | "displayName"> | null;
  ip: string | null;
};

/** What every signed-in use case gets: the actor for permission checks, the address for the audit. */
export type UseCaseContext = AuditContext & { actor: Actor };
