import { assertCan } from "@rdlink/auth";
import { assignmentMeetings, type TenantTx } from "@rdlink/db";
import { and, desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** A session's 交办会, the latest first, with what each has assigned (the session page lists them). */
export async function listMeetings(tx: TenantTx, ctx: UseCaseContext, sessionId: string) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  return tx
    .select({
      id: assignmentMeetings.id,
      name: assignmentMeetings.name,
      heldOn: assignmentMeetings.heldOn,
      assignedAt: assignmentMeetings.assignedAt,
      assignedCount: assignmentMeetings.assignedCount,
    })
    .from(assignmentMeetings)
    .where(and(eq(assignmentMeetings.tenantId, tx.tenantId), eq(assignmentMeetings.sessionId, sessionId)))
    .orderBy(desc(assignmentMeetings.heldOn), desc(assignmentMeetings.createdAt));
}
