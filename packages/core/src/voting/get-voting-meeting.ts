import {
  type TenantTx,
  voterRepresentatives,
  votingBallots,
  votingParticipations,
  votingPresence,
  votingTallyEntries,
} from "@rdlink/db";
import { and, asc, count, eq, gte, lte } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { ballotCodeOf } from "./ballot-code";
import { divisionCodeOf, eligibleCount } from "./quorum";
import { ballotCandidates, votingMeetingOf } from "./street-of";

/**
 * The meeting page: its ballot, the representatives (present or not, voted or not — never how),
 * the quorum, the paper tally's entries and, once published, the results. Ballot codes are shown
 * to the staff who hand out the slips (`withCodes`), nowhere else.
 */
export async function getVotingMeeting(
  tx: TenantTx,
  ctx: UseCaseContext,
  meetingId: string,
  options: { withCodes?: boolean } = {},
) {
  const { meeting, street } = await votingMeetingOf(tx, ctx, meetingId);
  const [candidates, representatives, presence, participations, [online], entries] = await Promise.all([
    ballotCandidates(tx, meeting.id),
    tx
      .select({
        id: voterRepresentatives.id,
        name: voterRepresentatives.name,
        groupName: voterRepresentatives.groupName,
      })
      .from(voterRepresentatives)
      .where(
        and(
          eq(voterRepresentatives.tenantId, tx.tenantId),
          eq(voterRepresentatives.townshipId, meeting.townshipId),
          lte(voterRepresentatives.termStartsOn, meeting.heldOn),
          gte(voterRepresentatives.termEndsOn, meeting.heldOn),
        ),
      )
      .orderBy(asc(voterRepresentatives.groupName), asc(voterRepresentatives.name)),
    tx
      .select({ id: votingPresence.representativeId })
      .from(votingPresence)
      .where(and(eq(votingPresence.tenantId, tx.tenantId), eq(votingPresence.meetingId, meeting.id))),
    tx
      .select({ id: votingParticipations.representativeId, channel: votingParticipations.channel })
      .from(votingParticipations)
      .where(and(eq(votingParticipations.tenantId, tx.tenantId), eq(votingParticipations.meetingId, meeting.id))),
    tx
      .select({ n: count() })
      .from(votingBallots)
      .where(and(eq(votingBallots.tenantId, tx.tenantId), eq(votingBallots.meetingId, meeting.id))),
    tx
      .select({
        entry: votingTallyEntries.entry,
        ballots: votingTallyEntries.ballots,
        enteredBy: votingTallyEntries.enteredBy,
      })
      .from(votingTallyEntries)
      .where(and(eq(votingTallyEntries.tenantId, tx.tenantId), eq(votingTallyEntries.meetingId, meeting.id))),
  ]);
  const present = new Set(presence.map((p) => p.id));
  const voted = new Map(participations.map((p) => [p.id, p.channel]));
  const division = options.withCodes ? await divisionCodeOf(tx) : null;
  const eligible = meeting.eligibleCount ?? (await eligibleCount(tx, meeting.townshipId, meeting.heldOn));
  const { codeSecret: _secret, ...shown } = meeting;
  return {
    meeting: shown,
    street,
    candidates: candidates.map((c) => ({
      id: c.id,
      title: c.title,
      costYuan: c.costYuan,
      proposerKind: c.proposerKind,
      status: c.status,
      votesFor: c.votesFor,
      votesAgainst: c.votesAgainst,
      rank: c.rank,
    })),
    representatives: representatives.map((r) => ({
      ...r,
      present: present.has(r.id),
      voted: voted.get(r.id) ?? null,
      code: division && present.has(r.id) ? ballotCodeOf(division, meeting.codeSecret, r.id) : null,
    })),
    quorum: { eligible, present: present.size, reached: present.size * 2 > eligible && eligible > 0 },
    votedOnline: [...voted.values()].filter((c) => c === "online").length,
    votedPaper: [...voted.values()].filter((c) => c === "paper").length,
    onlineBallots: online!.n,
    tallyEntries: entries.map((e) => ({ entry: e.entry, ballots: e.ballots, mine: e.enteredBy === ctx.actor.userId })),
  };
}
