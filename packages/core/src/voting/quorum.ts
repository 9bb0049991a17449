import { type TenantTx, tenants, voterRepresentatives, votingPresence } from "@rdlink/db";
import { and, count, eq, gte, lte } from "drizzle-orm";

/** The representatives whose term covers the meeting day: the quorum's base. */
export async function eligibleCount(tx: TenantTx, townshipId: string, heldOn: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(voterRepresentatives)
    .where(
      and(
        eq(voterRepresentatives.tenantId, tx.tenantId),
        eq(voterRepresentatives.townshipId, townshipId),
        lte(voterRepresentatives.termStartsOn, heldOn),
        gte(voterRepresentatives.termEndsOn, heldOn),
      ),
    );
  return row!.n;
}

export async function presentCount(tx: TenantTx, meetingId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(votingPresence)
    .where(and(eq(votingPresence.tenantId, tx.tenantId), eq(votingPresence.meetingId, meetingId)));
  return row!.n;
}

/** 过半数: more than half of the representatives are present. */
export const hasQuorum = (present: number, eligible: number) => eligible > 0 && present * 2 > eligible;

export async function divisionCodeOf(tx: TenantTx) {
  const [row] = await tx.select({ code: tenants.divisionCode }).from(tenants).where(eq(tenants.id, tx.tenantId));
  return row!.code;
}
