import { assertCan, townshipsInScope } from "@rdlink/auth";
import { type TenantTx, townships, voterRepresentatives, votingMeetings } from "@rdlink/db";
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The streets (townships) whose voting the actor runs, with their roster and meetings counted. */
export async function listVotingStreets(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.voting.manage", { tenantId: tx.tenantId });
  const scope = townshipsInScope(ctx.actor);
  const rows = await tx
    .select({ id: townships.id, name: townships.name, kind: townships.kind })
    .from(townships)
    .where(
      and(
        eq(townships.tenantId, tx.tenantId),
        isNull(townships.archivedAt),
        ...(scope === "all" ? [] : [inArray(townships.id, scope)]),
      ),
    )
    .orderBy(asc(townships.sortOrder), asc(townships.name));
  const [reps, meetings] = await Promise.all([
    tx
      .select({ townshipId: voterRepresentatives.townshipId, n: count() })
      .from(voterRepresentatives)
      .where(eq(voterRepresentatives.tenantId, tx.tenantId))
      .groupBy(voterRepresentatives.townshipId),
    tx
      .select({ townshipId: votingMeetings.townshipId, n: count() })
      .from(votingMeetings)
      .where(eq(votingMeetings.tenantId, tx.tenantId))
      .groupBy(votingMeetings.townshipId),
  ]);
  const repsOf = new Map(reps.map((r) => [r.townshipId, r.n]));
  const meetingsOf = new Map(meetings.map((m) => [m.townshipId, m.n]));
  return rows.map((r) => ({ ...r, representatives: repsOf.get(r.id) ?? 0, meetings: meetingsOf.get(r.id) ?? 0 }));
}
