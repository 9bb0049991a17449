import { assertCan } from "@rdlink/auth";
import { congressSessions, suggestions, type TenantTx } from "@rdlink/db";
import { and, count, desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The county's congress sessions, the latest first, each with how many suggestions it has. */
export async function listSessions(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  return tx
    .select({
      id: congressSessions.id,
      name: congressSessions.name,
      term: congressSessions.term,
      meeting: congressSessions.meeting,
      opensOn: congressSessions.opensOn,
      closesOn: congressSessions.closesOn,
      suggestions: count(suggestions.id),
    })
    .from(congressSessions)
    .leftJoin(
      suggestions,
      and(eq(suggestions.tenantId, congressSessions.tenantId), eq(suggestions.sessionId, congressSessions.id)),
    )
    .where(eq(congressSessions.tenantId, tx.tenantId))
    .groupBy(congressSessions.tenantId, congressSessions.id)
    .orderBy(desc(congressSessions.term), desc(congressSessions.meeting));
}
