import { assertCan, townshipsInScope } from "@rdlink/auth";
import { type TenantTx, townships, votingCandidates, votingMeetings, votingPresence } from "@rdlink/db";
import { and, count, countDistinct, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

export type TVotingFigures = {
  townshipId: string;
  townshipName: string;
  year: number;
  meetings: number;
  /** Representatives present, summed over the year's meetings (人次). */
  present: number;
  candidates: number;
  chosen: number;
  completed: number;
};

/**
 * 民生实事项目票决 for the dashboard: per street and year, the meetings held, representatives
 * present, candidate projects, projects chosen and completed. Three grouped queries.
 */
export async function getVotingFigures(tx: TenantTx, ctx: UseCaseContext, filter: { year?: number } = {}) {
  assertCan(ctx.actor, "tenant.stats.read", { tenantId: tx.tenantId });
  const scope = townshipsInScope(ctx.actor);
  if (scope !== "all" && scope.length === 0) return [];
  const inScope = (column: typeof votingMeetings.townshipId | typeof votingCandidates.townshipId): SQL[] =>
    scope === "all" ? [] : [inArray(column, scope)];
  const [meetingRows, candidateRows, names] = await Promise.all([
    tx
      .select({
        townshipId: votingMeetings.townshipId,
        year: votingMeetings.year,
        meetings: countDistinct(votingMeetings.id),
        present: count(votingPresence.id),
      })
      .from(votingMeetings)
      .leftJoin(
        votingPresence,
        and(eq(votingPresence.tenantId, votingMeetings.tenantId), eq(votingPresence.meetingId, votingMeetings.id)),
      )
      .where(
        and(
          eq(votingMeetings.tenantId, tx.tenantId),
          ...(filter.year ? [eq(votingMeetings.year, filter.year)] : []),
          ...inScope(votingMeetings.townshipId),
        ),
      )
      .groupBy(votingMeetings.townshipId, votingMeetings.year),
    tx
      .select({
        townshipId: votingCandidates.townshipId,
        year: votingCandidates.year,
        candidates: count(),
        chosen: count(sql`case when ${votingCandidates.status} = 'chosen' then 1 end`),
        completed: count(
          sql`case when ${votingCandidates.status} = 'chosen' and ${votingCandidates.completedAt} is not null then 1 end`,
        ),
      })
      .from(votingCandidates)
      .where(
        and(
          eq(votingCandidates.tenantId, tx.tenantId),
          isNotNull(votingCandidates.meetingId),
          ...(filter.year ? [eq(votingCandidates.year, filter.year)] : []),
          ...inScope(votingCandidates.townshipId),
        ),
      )
      .groupBy(votingCandidates.townshipId, votingCandidates.year),
    tx.select({ id: townships.id, name: townships.name }).from(townships).where(eq(townships.tenantId, tx.tenantId)),
  ]);
  const nameOf = new Map(names.map((t) => [t.id, t.name]));
  const rows = new Map<string, TVotingFigures>();
  const row = (townshipId: string, year: number) => {
    const key = `${townshipId}|${year}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        townshipId,
        townshipName: nameOf.get(townshipId) ?? "",
        year,
        meetings: 0,
        present: 0,
        candidates: 0,
        chosen: 0,
        completed: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const m of meetingRows) Object.assign(row(m.townshipId, m.year), { meetings: m.meetings, present: m.present });
  for (const c of candidateRows) {
    Object.assign(row(c.townshipId, c.year), { candidates: c.candidates, chosen: c.chosen, completed: c.completed });
  }
  return [...rows.values()].sort((a, b) => b.year - a.year || a.townshipName.localeCompare(b.townshipName, "zh-CN"));
}
