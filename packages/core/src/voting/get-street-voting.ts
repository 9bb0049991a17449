import { type TenantTx, voterRepresentatives, votingCandidates, votingMeetings } from "@rdlink/db";
import { and, asc, desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { streetOf } from "./street-of";

/** A street's voting page: its representatives, candidate projects and meetings. */
export async function getStreetVoting(tx: TenantTx, ctx: UseCaseContext, townshipId: string) {
  const street = await streetOf(tx, ctx, townshipId);
  const [representatives, candidates, meetings] = await Promise.all([
    tx
      .select({
        id: voterRepresentatives.id,
        name: voterRepresentatives.name,
        groupName: voterRepresentatives.groupName,
        term: voterRepresentatives.term,
        termStartsOn: voterRepresentatives.termStartsOn,
        termEndsOn: voterRepresentatives.termEndsOn,
      })
      .from(voterRepresentatives)
      .where(and(eq(voterRepresentatives.tenantId, tx.tenantId), eq(voterRepresentatives.townshipId, street.id)))
      .orderBy(
        desc(voterRepresentatives.termEndsOn),
        asc(voterRepresentatives.groupName),
        asc(voterRepresentatives.name),
      ),
    tx
      .select({
        id: votingCandidates.id,
        year: votingCandidates.year,
        title: votingCandidates.title,
        costYuan: votingCandidates.costYuan,
        proposerKind: votingCandidates.proposerKind,
        proposerName: votingCandidates.proposerName,
        status: votingCandidates.status,
        dropReason: votingCandidates.dropReason,
        meetingId: votingCandidates.meetingId,
      })
      .from(votingCandidates)
      .where(and(eq(votingCandidates.tenantId, tx.tenantId), eq(votingCandidates.townshipId, street.id)))
      .orderBy(desc(votingCandidates.year), asc(votingCandidates.createdAt)),
    tx
      .select({
        id: votingMeetings.id,
        name: votingMeetings.name,
        year: votingMeetings.year,
        heldOn: votingMeetings.heldOn,
        status: votingMeetings.status,
      })
      .from(votingMeetings)
      .where(and(eq(votingMeetings.tenantId, tx.tenantId), eq(votingMeetings.townshipId, street.id)))
      .orderBy(desc(votingMeetings.heldOn)),
  ]);
  return { street, representatives, candidates, meetings };
}
