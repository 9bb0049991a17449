import { assertCan } from "@rdlink/auth";
import { assignmentMeetings, type TenantTx } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZMeetingInput } from "./meeting-input";
import { sessionOf } from "./open-suggestion";

/** The 交办会 after a session: its record (day, name, attendees), on whose page its suggestions are assigned. */
export async function createMeeting(tx: TenantTx, ctx: UseCaseContext, sessionId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const session = await sessionOf(tx, sessionId);
  const { heldOn, name, attendees } = parseInput(ZMeetingInput, input);
  const [meeting] = await tx
    .insert(assignmentMeetings)
    .values({
      sessionId: session.id,
      heldOn,
      name: name ?? `${session.name}建议交办会`,
      attendees,
      createdBy: ctx.actor.userId,
      createdAt: ctx.clock.now(),
    })
    .returning();
  await recordAudit(tx, ctx, {
    action: "assignmentMeeting.created",
    objectType: "assignmentMeeting",
    objectId: meeting!.id,
    detail: { sessionId, name: meeting!.name },
  });
  return meeting!;
}
