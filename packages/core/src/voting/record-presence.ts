import { type TenantTx, voterRepresentatives, votingParticipations, votingPresence } from "@rdlink/db";
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ballotCodeOf, codeHash } from "./ballot-code";
import { divisionCodeOf } from "./quorum";
import { votingMeetingOf } from "./street-of";
import { ZPresenceInput } from "./voting-input";

/**
 * 签到: the selected representatives of the street, in term on the meeting day, are present (or,
 * by mistake, not). Presence gives each their ballot code; one who has voted stays present.
 */
export async function recordPresence(tx: TenantTx, ctx: UseCaseContext, meetingId: string, input: unknown) {
  const { meeting } = await votingMeetingOf(tx, ctx, meetingId);
  const { representativeIds, present } = parseInput(ZPresenceInput, input);
  if (meeting.status !== "preparing" && meeting.status !== "open")
    throw new ConflictError("voting.errors.meetingClosed");
  const ids = [...new Set(representativeIds)];
  const found = await tx
    .select({ id: voterRepresentatives.id })
    .from(voterRepresentatives)
    .where(
      and(
        eq(voterRepresentatives.tenantId, tx.tenantId),
        inArray(voterRepresentatives.id, ids),
        eq(voterRepresentatives.townshipId, meeting.townshipId),
        lte(voterRepresentatives.termStartsOn, meeting.heldOn),
        gte(voterRepresentatives.termEndsOn, meeting.heldOn),
      ),
    );
  if (found.length !== ids.length) throw new NotFoundError();
  if (present === "yes") {
    const division = await divisionCodeOf(tx);
    await tx
      .insert(votingPresence)
      .values(
        ids.map((id) => ({
          meetingId: meeting.id,
          representativeId: id,
          codeHash: codeHash(ballotCodeOf(division, meeting.codeSecret, id)),
          recordedBy: ctx.actor.userId,
          createdAt: ctx.clock.now(),
        })),
      )
      .onConflictDoNothing();
  } else {
    const voted = await tx
      .select({ id: votingParticipations.id })
      .from(votingParticipations)
      .where(
        and(
          eq(votingParticipations.tenantId, tx.tenantId),
          eq(votingParticipations.meetingId, meeting.id),
          inArray(votingParticipations.representativeId, ids),
        ),
      );
    if (voted.length > 0) throw new ConflictError("voting.errors.alreadyVoted");
    await tx
      .delete(votingPresence)
      .where(
        and(
          eq(votingPresence.tenantId, tx.tenantId),
          eq(votingPresence.meetingId, meeting.id),
          inArray(votingPresence.representativeId, ids),
        ),
      );
  }
  await recordAudit(tx, ctx, {
    action: "voting.presence_recorded",
    objectType: "votingMeeting",
    objectId: meeting.id,
    detail: { count: ids.length, present },
  });
}
