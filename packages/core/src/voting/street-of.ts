import { assertCan } from "@rdlink/auth";
import { type TenantTx, townships, votingCandidates, votingMeetings } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";

/** A street (township) the actor runs the voting of; another's, or none, is "not found". */
export async function streetOf(tx: TenantTx, ctx: UseCaseContext, townshipId: string) {
  const [street] = /^[0-9a-f-]{36}$/i.test(townshipId)
    ? await tx
        .select({ id: townships.id, name: townships.name })
        .from(townships)
        .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.id, townshipId)))
    : [];
  if (!street) throw new NotFoundError();
  assertCan(ctx.actor, "tenant.voting.manage", { tenantId: tx.tenantId, townshipId: street.id });
  return street;
}

/** A meeting of a street the actor runs, locked for the use case (one change at a time). */
export async function votingMeetingOf(tx: TenantTx, ctx: UseCaseContext, meetingId: string) {
  const [meeting] = /^[0-9a-f-]{36}$/i.test(meetingId)
    ? await tx
        .select()
        .from(votingMeetings)
        .where(and(eq(votingMeetings.tenantId, tx.tenantId), eq(votingMeetings.id, meetingId)))
        .for("update")
    : [];
  if (!meeting) throw new NotFoundError();
  const street = await streetOf(tx, ctx, meeting.townshipId);
  return { meeting, street };
}

/** The candidates a meeting's ballot lists. */
export const ballotCandidates = (tx: TenantTx, meetingId: string) =>
  tx
    .select()
    .from(votingCandidates)
    .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.meetingId, meetingId)))
    .orderBy(votingCandidates.createdAt, votingCandidates.id);
