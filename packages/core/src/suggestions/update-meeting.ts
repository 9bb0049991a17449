import { assertCan } from "@rdlink/auth";
import { assignmentMeetings, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZMeetingInput } from "./meeting-input";
import { meetingOf } from "./meeting-of";

/** Corrects a 交办会's record: its day, name (the usual one when left blank) and attendees. */
export async function updateMeeting(
  tx: TenantTx,
  ctx: UseCaseContext,
  sessionId: string,
  meetingId: string,
  input: unknown,
) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const { session, meeting } = await meetingOf(tx, sessionId, meetingId);
  const { heldOn, name, attendees } = parseInput(ZMeetingInput, input);
  const [updated] = await tx
    .update(assignmentMeetings)
    .set({ heldOn, attendees, name: name ?? `${session.name}建议交办会` })
    .where(and(eq(assignmentMeetings.tenantId, tx.tenantId), eq(assignmentMeetings.id, meeting.id)))
    .returning();
  await recordAudit(tx, ctx, {
    action: "assignmentMeeting.updated",
    objectType: "assignmentMeeting",
    objectId: meeting.id,
    detail: { name: updated!.name },
  });
  return updated!;
}
