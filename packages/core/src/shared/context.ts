import type { Actor } from "@rdlink/auth";
import type { Clock } from "../clock";

/** Who acted, from where and when, as the audit trail records it. Null actor: not signed in. */
export type AuditContext = {
  actor: Pick<Actor, "userId" | "displayName"> | null;
  ip: string | null;
  /** The request's clock: every "now" of the use case comes from it. */
  clock: Clock;
};

/** What every signed-in use case gets: the actor for permission checks, the address for the audit. */
export type UseCaseContext = AuditContext & { actor: Actor };
