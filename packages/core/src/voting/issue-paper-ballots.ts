import { type TenantTx, votingParticipations, votingPresence } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { hasQuorum, presentCount } from "./quorum";
import { votingMeetingOf } from "./street-of";
import { ZPresenceInput } from "./voting-input";

/**
 * 领取纸质选票: representatives without a phone take a paper ballot from the staff. That is
 * their participation: they cannot vote online as well, and the paper tally counts their ballots.
 */
export async function issuePaperBallots(tx: TenantTx, ctx: UseCaseContext, meetingId: string, input: unknown) {
  const { meeting } = await votingMeetingOf(tx, ctx, meetingId);
  const { representativeIds } = parseInput(ZPresenceInput.pick({ representativeIds: true }), input);
  if (meeting.status !== "open") throw new ConflictError("voting.errors.notOpen");
  if (!hasQuorum(await presentCount(tx, meeting.id), meeting.eligibleCount ?? 0)) {
    throw new ConflictError("voting.errors.belowQuorum");
  }
  const ids = [...new Set(representativeIds)];
  const present = await tx
    .select({ id: votingPresence.representativeId })
    .from(votingPresence)
    .where(
      and(
        eq(votingPresence.tenantId, tx.tenantId),
        eq(votingPresence.meetingId, meeting.id),
        inArray(votingPresence.representativeId, ids),
      ),
    );
  if (present.length !== ids.length) throw new NotFoundError();
  const written = await tx
    .insert(votingParticipations)
    .values(ids.map((id) => ({ meetingId: meeting.id, representativeId: id, channel: "paper" as const })))
    .onConflictDoNothing()
    .returning({ id: votingParticipations.id });
  // All or nothing: one who already voted makes the whole batch a refusal (the transaction rolls back).
  if (written.length !== ids.length) throw new ConflictError("voting.errors.alreadyVoted");
  await recordAudit(tx, ctx, {
    action: "voting.paper_ballots_issued",
    objectType: "votingMeeting",
    objectId: meeting.id,
    detail: { count: ids.length },
  });
}
