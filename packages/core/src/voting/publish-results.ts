import {
  type TenantTx,
  votingBallots,
  votingCandidates,
  votingMeetings,
  votingParticipations,
  votingTallyEntries,
} from "@rdlink/db";
import { and, count, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError } from "../shared/errors";
import { computeResults } from "./compute-results";
import { presentCount } from "./quorum";
import { ballotCandidates, votingMeetingOf } from "./street-of";

/**
 * 公布结果: once voting closed and the paper tally (if any paper ballot was issued) is reconciled,
 * the results are computed, written on each candidate and published on the street's page.
 */
export async function publishResults(tx: TenantTx, ctx: UseCaseContext, meetingId: string) {
  const { meeting } = await votingMeetingOf(tx, ctx, meetingId);
  if (meeting.status !== "closed") throw new ConflictError("voting.errors.notClosed");
  const [paperIssued] = await tx
    .select({ n: count() })
    .from(votingParticipations)
    .where(
      and(
        eq(votingParticipations.tenantId, tx.tenantId),
        eq(votingParticipations.meetingId, meeting.id),
        eq(votingParticipations.channel, "paper"),
      ),
    );
  if (paperIssued!.n > 0 && !meeting.paperReconciledAt) throw new ConflictError("voting.errors.tallyPending");
  const [paper] = meeting.paperReconciledAt
    ? await tx
        .select({ counts: votingTallyEntries.counts })
        .from(votingTallyEntries)
        .where(
          and(
            eq(votingTallyEntries.tenantId, tx.tenantId),
            eq(votingTallyEntries.meetingId, meeting.id),
            eq(votingTallyEntries.entry, 1),
          ),
        )
    : [];
  const candidates = await ballotCandidates(tx, meeting.id);
  const ballots = await tx
    .select({ approved: votingBallots.approved, rejected: votingBallots.rejected })
    .from(votingBallots)
    .where(and(eq(votingBallots.tenantId, tx.tenantId), eq(votingBallots.meetingId, meeting.id)));
  const results = computeResults({
    candidates,
    ballots,
    paper: paper?.counts ?? null,
    present: await presentCount(tx, meeting.id),
    rule: meeting.rule,
    budgetYuan: meeting.budgetYuan,
  });
  for (const r of results) {
    await tx
      .update(votingCandidates)
      .set({
        votesFor: r.votesFor,
        votesAgainst: r.votesAgainst,
        rank: r.rank,
        status: r.chosen ? "chosen" : "notChosen",
      })
      .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.id, r.id)));
  }
  await tx
    .update(votingMeetings)
    .set({ status: "published", publishedAt: ctx.clock.now() })
    .where(and(eq(votingMeetings.tenantId, tx.tenantId), eq(votingMeetings.id, meeting.id)));
  await recordAudit(tx, ctx, {
    action: "voting.results_published",
    objectType: "votingMeeting",
    objectId: meeting.id,
    detail: { chosen: results.filter((r) => r.chosen).length, candidates: results.length },
  });
  return results;
}
