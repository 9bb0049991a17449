import { type TenantTx, votingMeetings, votingParticipations, votingTallyEntries } from "@rdlink/db";
import { and, count, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput, ValidationError } from "../shared/errors";
import { ballotCandidates, votingMeetingOf } from "./street-of";
import { ZTallyInput } from "./voting-input";

/**
 * 纸质票计票: two staff count the paper ballots and each enters the tally on their own. The
 * second entry must agree with the first, count for count, or it is refused (nothing written:
 * count again, or clear the first entry if it was the wrong one). Agreed, the tally stands.
 */
export async function enterTally(tx: TenantTx, ctx: UseCaseContext, meetingId: string, input: unknown) {
  const { meeting } = await votingMeetingOf(tx, ctx, meetingId);
  if (meeting.status !== "closed") throw new ConflictError("voting.errors.tallyNotNow");
  if (meeting.paperReconciledAt) throw new ConflictError("voting.errors.tallyDone");
  const { ballots, counts } = parseInput(ZTallyInput, input);
  const candidates = await ballotCandidates(tx, meeting.id);
  const onBallot = new Set(candidates.map((c) => c.id));
  if (Object.keys(counts).some((id) => !onBallot.has(id)))
    throw new ValidationError({}, "voting.errors.unknownCandidate");
  const [paper] = await tx
    .select({ n: count() })
    .from(votingParticipations)
    .where(
      and(
        eq(votingParticipations.tenantId, tx.tenantId),
        eq(votingParticipations.meetingId, meeting.id),
        eq(votingParticipations.channel, "paper"),
      ),
    );
  if (ballots > paper!.n) {
    throw new ValidationError({ ballots: "voting.errors.moreBallotsThanIssued" }, undefined);
  }
  const full = Object.fromEntries(candidates.map((c) => [c.id, counts[c.id] ?? { for: 0, against: 0 }]));
  const overfull = candidates.find((c) => full[c.id]!.for + full[c.id]!.against > ballots);
  if (overfull) throw new ConflictError("voting.errors.moreVotesThanBallots", undefined, { title: overfull.title });

  const [first] = await tx
    .select()
    .from(votingTallyEntries)
    .where(and(eq(votingTallyEntries.tenantId, tx.tenantId), eq(votingTallyEntries.meetingId, meeting.id)));
  if (first) {
    if (first.enteredBy === ctx.actor.userId) throw new ConflictError("voting.errors.sameCounter");
    if (first.ballots !== ballots) {
      throw new ConflictError("voting.errors.tallyBallotsMismatch", undefined, {
        first: String(first.ballots),
        second: String(ballots),
      });
    }
    const differs = candidates.find(
      (c) => first.counts[c.id]?.for !== full[c.id]!.for || first.counts[c.id]?.against !== full[c.id]!.against,
    );
    if (differs) {
      const a = first.counts[differs.id] ?? { for: 0, against: 0 };
      const b = full[differs.id]!;
      throw new ConflictError("voting.errors.tallyMismatch", undefined, {
        title: differs.title,
        first: `${a.for}/${a.against}`,
        second: `${b.for}/${b.against}`,
      });
    }
  }
  await tx.insert(votingTallyEntries).values({
    meetingId: meeting.id,
    entry: first ? 2 : 1,
    ballots,
    counts: full,
    enteredBy: ctx.actor.userId,
    createdAt: ctx.clock.now(),
  });
  if (first) {
    await tx
      .update(votingMeetings)
      .set({ paperReconciledAt: ctx.clock.now() })
      .where(and(eq(votingMeetings.tenantId, tx.tenantId), eq(votingMeetings.id, meeting.id)));
  }
  await recordAudit(tx, ctx, {
    action: "voting.tally_entered",
    objectType: "votingMeeting",
    objectId: meeting.id,
    detail: { entry: first ? 2 : 1, ballots },
  });
  return { reconciled: Boolean(first) };
}

/** 清除第一次录入: the first entry was wrong (the second would not agree); only before they agreed. */
export async function clearTally(tx: TenantTx, ctx: UseCaseContext, meetingId: string) {
  const { meeting } = await votingMeetingOf(tx, ctx, meetingId);
  if (meeting.paperReconciledAt) throw new ConflictError("voting.errors.tallyDone");
  await tx
    .delete(votingTallyEntries)
    .where(and(eq(votingTallyEntries.tenantId, tx.tenantId), eq(votingTallyEntries.meetingId, meeting.id)));
  await recordAudit(tx, ctx, {
    action: "voting.tally_cleared",
    objectType: "votingMeeting",
    objectId: meeting.id,
    detail: {},
  });
}
