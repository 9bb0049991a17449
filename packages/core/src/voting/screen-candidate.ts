import { type TenantTx, votingCandidates, votingMeetings } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { streetOf } from "./street-of";
import { ZScreenInput } from "./voting-input";

/**
 * 初审: the street puts a proposed project on a meeting's ballot, or drops it with a reason the
 * proposer can read. Only while the meeting is being prepared: a ballot does not change under voting.
 */
export async function screenCandidate(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const decision = parseInput(ZScreenInput, input);
  const [candidate] = await tx
    .select()
    .from(votingCandidates)
    .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.id, decision.candidateId)))
    .for("update");
  if (!candidate) throw new NotFoundError();
  await streetOf(tx, ctx, candidate.townshipId);
  if (candidate.status !== "proposed" && candidate.status !== "listed") {
    throw new ConflictError("voting.errors.candidateDecided");
  }
  if (candidate.meetingId) await assertPreparing(tx, candidate.meetingId);
  if (decision.decision === "drop") {
    await tx
      .update(votingCandidates)
      .set({ status: "dropped", dropReason: decision.reason, meetingId: null })
      .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.id, candidate.id)));
  } else {
    const meeting = await assertPreparing(tx, decision.meetingId);
    if (meeting.townshipId !== candidate.townshipId) throw new NotFoundError();
    await tx
      .update(votingCandidates)
      .set({ status: "listed", dropReason: null, meetingId: meeting.id })
      .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.id, candidate.id)));
  }
  await recordAudit(tx, ctx, {
    action: "voting.candidate_screened",
    objectType: "votingCandidate",
    objectId: candidate.id,
    detail: { decision: decision.decision, title: candidate.title },
  });
}

async function assertPreparing(tx: TenantTx, meetingId: string) {
  const [meeting] = await tx
    .select({ id: votingMeetings.id, status: votingMeetings.status, townshipId: votingMeetings.townshipId })
    .from(votingMeetings)
    .where(and(eq(votingMeetings.tenantId, tx.tenantId), eq(votingMeetings.id, meetingId)))
    .for("update");
  if (!meeting) throw new NotFoundError();
  if (meeting.status !== "preparing") throw new ConflictError("voting.errors.ballotFixed");
  return meeting;
}
