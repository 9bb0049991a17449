import { assertCan } from "@rdlink/auth";
import { cases, congressSessions, handlingUnits, revisitItems, suggestions, type TenantTx, teams } from "@rdlink/db";
import { and, desc, eq, inArray, isNotNull, isNull, notExists, type SQL, sql } from "drizzle-orm";
import { unitOptions } from "../cases/event-forms";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { revisitCampaignOf } from "./revisit-campaign-of";
import { ratio, type TRevisitFilter, ZRevisitFilter } from "./revisit-input";

/** The most answered suggestions a selection shows at once (a 回头看 takes dozens, not thousands). */
export const CANDIDATE_LIMIT = 300;

const suggestionColumns = {
  suggestionId: suggestions.id,
  caseId: suggestions.caseId,
  number: suggestions.number,
  title: cases.title,
  sessionName: congressSessions.name,
  unitName: handlingUnits.name,
  answerClass: cases.answerClass,
  closed: sql<boolean>`${cases.closedAt} is not null`,
};

/**
 * A 回头看 campaign: its items (number order, with 督办组 and finding), 兑现率 (kept / items with
 * a finding), and the answered suggestions the filter selects that it has not taken yet.
 */
export async function getRevisitCampaign(tx: TenantTx, ctx: UseCaseContext, campaignId: string, query: unknown = {}) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const campaign = await revisitCampaignOf(tx, campaignId);
  const filter = parseInput(ZRevisitFilter, query);
  const sessionJoin = and(
    eq(congressSessions.tenantId, suggestions.tenantId),
    eq(congressSessions.id, suggestions.sessionId),
  );
  const caseJoin = and(eq(cases.tenantId, suggestions.tenantId), eq(cases.id, suggestions.caseId));
  const unitJoin = and(eq(handlingUnits.tenantId, cases.tenantId), eq(handlingUnits.id, cases.handlingUnitId));
  const inOrder = [congressSessions.term, congressSessions.meeting, naturalOrder(suggestions.number)];
  const items = await tx
    .select({
      ...suggestionColumns,
      id: revisitItems.id,
      teamId: revisitItems.teamId,
      teamName: teams.name,
      finding: revisitItems.finding,
      note: revisitItems.note,
      foundOn: revisitItems.foundOn,
    })
    .from(revisitItems)
    .innerJoin(
      suggestions,
      and(eq(suggestions.tenantId, revisitItems.tenantId), eq(suggestions.id, revisitItems.suggestionId)),
    )
    .innerJoin(cases, caseJoin)
    .innerJoin(congressSessions, sessionJoin)
    .leftJoin(handlingUnits, unitJoin)
    .leftJoin(teams, and(eq(teams.tenantId, revisitItems.tenantId), eq(teams.id, revisitItems.teamId)))
    .where(and(eq(revisitItems.tenantId, tx.tenantId), eq(revisitItems.campaignId, campaign.id)))
    .orderBy(...inOrder);
  const candidates = await tx
    .select(suggestionColumns)
    .from(suggestions)
    .innerJoin(cases, caseJoin)
    .innerJoin(congressSessions, sessionJoin)
    .leftJoin(handlingUnits, unitJoin)
    .where(
      and(
        eq(suggestions.tenantId, tx.tenantId),
        isNotNull(cases.firstAnsweredAt),
        ...filterConditions(filter),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(revisitItems)
            .where(
              and(
                eq(revisitItems.tenantId, suggestions.tenantId),
                eq(revisitItems.campaignId, campaign.id),
                eq(revisitItems.suggestionId, suggestions.id),
              ),
            ),
        ),
      ),
    )
    .orderBy(...inOrder)
    .limit(CANDIDATE_LIMIT + 1);
  const [sessions, units, teamList] = await Promise.all([
    tx
      .select({ value: congressSessions.id, label: congressSessions.name })
      .from(congressSessions)
      .where(eq(congressSessions.tenantId, tx.tenantId))
      .orderBy(desc(congressSessions.term), desc(congressSessions.meeting)),
    unitOptions(tx),
    revisitTeams(tx),
  ]);
  const found = items.filter((i) => i.finding !== null);
  const kept = found.filter((i) => i.finding === "kept").length;
  return {
    campaign,
    filter,
    items,
    candidates: candidates.slice(0, CANDIDATE_LIMIT),
    moreCandidates: candidates.length > CANDIDATE_LIMIT,
    options: { sessions, units, teams: teamList },
    figures: {
      items: items.length,
      found: found.length,
      kept,
      partlyKept: found.filter((i) => i.finding === "partlyKept").length,
      notKept: found.filter((i) => i.finding === "notKept").length,
      keptRate: ratio(kept, found.length),
    },
  };
}

function filterConditions({ year, sessionId, classes, unitId }: TRevisitFilter): (SQL | undefined)[] {
  return [
    // The year of a suggestion is its session's year (the year it was handed in).
    year ? sql`extract(year from ${congressSessions.opensOn}) = ${year}` : undefined,
    sessionId ? eq(suggestions.sessionId, sessionId) : undefined,
    classes.length > 0 ? inArray(cases.answerClass, classes) : undefined,
    unitId ? eq(cases.handlingUnitId, unitId) : undefined,
  ];
}

/** The teams a campaign can send (督办组), by name. */
export async function revisitTeams(tx: TenantTx) {
  return tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.tenantId, tx.tenantId), isNull(teams.archivedAt)))
    .orderBy(naturalOrder(teams.name));
}
