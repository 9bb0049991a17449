import { invalidateSession } from "@rdlink/auth";
import type { Database } from "@rdlink/db";
import { recordAuditOf } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";

/** Ends the session server-side: its cookie opens nothing afterwards. */
export async function signOut(db: Database, ctx: UseCaseContext, sessionId: string): Promise<void> {
  await db.withoutTenant(async (tx) => {
    await invalidateSession(tx, sessionId);
    await recordAuditOf(tx, ctx.actor.tenantId, ctx, { action: "auth.signed_out" });
  });
}
