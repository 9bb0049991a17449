import { assertCan } from "@rdlink/auth";
import { assignmentProposals, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZClearProposals } from "./meeting-input";
import { meetingOf } from "./meeting-of";

/**
 * Takes the meeting's unsent proposals off the selected suggestions (one assigned meanwhile on
 * the workbench, or proposed by mistake). Sent ones stay: they are what the meeting assigned.
 */
export async function clearProposals(
  tx: TenantTx,
  ctx: UseCaseContext,
  sessionId: string,
  meetingId: string,
  input: unknown,
) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const { meeting } = await meetingOf(tx, sessionId, meetingId);
  const { caseIds } = parseInput(ZClearProposals, input);
  const cleared = await tx
    .delete(assignmentProposals)
    .where(
      and(
        eq(assignmentProposals.tenantId, tx.tenantId),
        eq(assignmentProposals.meetingId, meeting.id),
        inArray(assignmentProposals.caseId, caseIds),
        isNull(assignmentProposals.assignedAt),
      ),
    )
    .returning({ id: assignmentProposals.id });
  return { cleared: cleared.length };
}
