import { randomInt } from "node:crypto";
import { type TenantTx, votingBallots, votingMeetings } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError } from "../shared/errors";
import { votingMeetingOf } from "./street-of";

/**
 * 结束投票. The online ballots are then re-written in a random order in this one transaction: in
 * the table neither their physical order nor the transaction that wrote them (xmin) still matches
 * the participation rows written beside them (decision 0025).
 */
export async function closeVoting(tx: TenantTx, ctx: UseCaseContext, meetingId: string) {
  const { meeting } = await votingMeetingOf(tx, ctx, meetingId);
  if (meeting.status !== "open") throw new ConflictError("voting.errors.notOpen");
  const where = and(eq(votingBallots.tenantId, tx.tenantId), eq(votingBallots.meetingId, meeting.id));
  const ballots = await tx.select().from(votingBallots).where(where);
  // Fisher–Yates with a cryptographic generator.
  for (let i = ballots.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [ballots[i], ballots[j]] = [ballots[j]!, ballots[i]!];
  }
  await tx.delete(votingBallots).where(where);
  for (let i = 0; i < ballots.length; i += 500) {
    await tx.insert(votingBallots).values(ballots.slice(i, i + 500).map(({ id: _id, ...ballot }) => ballot));
  }
  await tx
    .update(votingMeetings)
    .set({ status: "closed", closedAt: ctx.clock.now() })
    .where(and(eq(votingMeetings.tenantId, tx.tenantId), eq(votingMeetings.id, meeting.id)));
  await recordAudit(tx, ctx, {
    action: "voting.closed",
    objectType: "votingMeeting",
    objectId: meeting.id,
    detail: { onlineBallots: ballots.length },
  });
}
