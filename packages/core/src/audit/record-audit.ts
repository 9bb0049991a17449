import { type AppTx, auditLog, enterTenant, platformAuditLog, type TenantTx } from "@rdlink/db";
import type { AuditContext } from "../shared/context";
import type { AuditAction } from "./audit-actions";

export type AuditEntry = {
  /** One of `auditActions`: a misspelt action fails typecheck. */
  action: AuditAction;
  objectType?: string;
  objectId?: string;
  detail?: Record<string, unknown>;
};

const who = ({ actor, ip }: AuditContext) => ({
  actorUserId: actor?.userId ?? null,
  actorName: actor?.displayName ?? null,
  ip,
});

/** Appends to the tenant's hash-chained audit log, inside the use case's transaction. */
export async function recordAudit(tx: TenantTx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({ ...who(ctx), ...entry, at: ctx.clock.now() });
}

/** What platform staff do, and sign-ins that belong to no county. */
export async function recordPlatformAudit(
  tx: AppTx,
  ctx: AuditContext,
  entry: AuditEntry & { tenantId?: string },
): Promise<void> {
  await tx.insert(platformAuditLog).values({ ...who(ctx), ...entry, at: ctx.clock.now() });
}

/** To the county's log when the user belongs to one, else to the platform's. */
export async function recordAuditOf(
  tx: AppTx,
  tenantId: string | null,
  ctx: AuditContext,
  entry: AuditEntry,
): Promise<void> {
  if (tenantId) await recordAudit(await enterTenant(tx, tenantId), ctx, entry);
  else await recordPlatformAudit(tx, ctx, entry);
}
