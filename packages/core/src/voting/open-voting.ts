import { type TenantTx, votingMeetings } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError } from "../shared/errors";
import { eligibleCount, hasQuorum, presentCount } from "./quorum";
import { ballotCandidates, votingMeetingOf } from "./street-of";

/** 开始投票: the ballot is fixed and voting opens, once more than half of the representatives are present. */
export async function openVoting(tx: TenantTx, ctx: UseCaseContext, meetingId: string) {
  const { meeting } = await votingMeetingOf(tx, ctx, meetingId);
  if (meeting.status !== "preparing") throw new ConflictError("voting.errors.notPreparing");
  if ((await ballotCandidates(tx, meeting.id)).length === 0) throw new ConflictError("voting.errors.noCandidates");
  const eligible = await eligibleCount(tx, meeting.townshipId, meeting.heldOn);
  const present = await presentCount(tx, meeting.id);
  if (!hasQuorum(present, eligible)) {
    throw new ConflictError("voting.errors.noQuorum", undefined, {
      present: String(present),
      eligible: String(eligible),
    });
  }
  await tx
    .update(votingMeetings)
    .set({ status: "open", openedAt: ctx.clock.now(), eligibleCount: eligible })
    .where(and(eq(votingMeetings.tenantId, tx.tenantId), eq(votingMeetings.id, meeting.id)));
  await recordAudit(tx, ctx, {
    action: "voting.opened",
    objectType: "votingMeeting",
    objectId: meeting.id,
    detail: { present, eligible },
  });
}
