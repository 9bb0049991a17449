import { hasRole } from "@rdlink/auth";
import {
  activities,
  activityDeputies,
  deputies,
  deputyStations,
  dutyPosts,
  postClaims,
  stationLiaisons,
  stations,
  type TenantTx,
} from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { and, asc, count, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import { listCases } from "../cases/list-cases";
import type { UseCaseContext } from "../shared/context";

/** How many of my desk's cases the home page lists; the rest are one click away on /work. */
const FIRST_CASES = 6;

/**
 * A signed-in user's home: the open cases on their desk counted by urgency (the same
 * conditions as the workbench's filters, so a count and the list it links to agree), the
 * most urgent of them, and what they serve at — a liaison officer's stations, a deputy's
 * stations, posts and this year's 履职 in the ledger.
 */
export async function getMyDesk(tx: TenantTx, ctx: UseCaseContext) {
  const now = ctx.clock.now();
  const onDesk = (deadline?: "overdue" | "warning") =>
    listCases(tx, ctx, { view: "mine", deadline, pageSize: deadline ? 1 : FIRST_CASES }, now);
  const [all, overdue, warning] = await Promise.all([onDesk(), onDesk("overdue"), onDesk("warning")]);
  return {
    counts: { total: all.total, overdue: overdue.total, warning: warning.total },
    cases: all.cases,
    liaisonStations: hasRole(ctx.actor, "station_liaison") ? await liaisonStationsOf(tx, ctx) : [],
    deputy: hasRole(ctx.actor, "deputy") ? await deputyServiceOf(tx, ctx, localDateOf(now)) : null,
  };
}

async function liaisonStationsOf(tx: TenantTx, ctx: UseCaseContext) {
  return tx
    .select({ id: stations.id, name: stations.name })
    .from(stationLiaisons)
    .innerJoin(
      stations,
      and(eq(stations.tenantId, stationLiaisons.tenantId), eq(stations.id, stationLiaisons.stationId)),
    )
    .where(and(eq(stationLiaisons.tenantId, tx.tenantId), eq(stationLiaisons.userId, ctx.actor.userId)))
    .orderBy(asc(stations.name));
}

/** The deputy record behind the account (if the county linked one), and what it serves at. */
async function deputyServiceOf(tx: TenantTx, ctx: UseCaseContext, today: string) {
  const [deputy] = await tx
    .select({ id: deputies.id, name: deputies.name, level: deputies.level })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.userId, ctx.actor.userId), isNull(deputies.archivedAt)))
    .limit(1);
  if (!deputy) return { deputy: null, stations: [], posts: [], ledger: { entries: 0, byKind: [] } };
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const [stationRows, postRows, ledgerRows] = await Promise.all([
    tx
      .select({ id: stations.id, name: stations.name })
      .from(deputyStations)
      .innerJoin(
        stations,
        and(eq(stations.tenantId, deputyStations.tenantId), eq(stations.id, deputyStations.stationId)),
      )
      .where(and(eq(deputyStations.tenantId, tx.tenantId), eq(deputyStations.deputyId, deputy.id)))
      .orderBy(asc(stations.name)),
    tx
      .select({
        stationId: postClaims.stationId,
        stationName: stations.name,
        postName: dutyPosts.name,
        status: postClaims.status,
      })
      .from(postClaims)
      .innerJoin(stations, and(eq(stations.tenantId, postClaims.tenantId), eq(stations.id, postClaims.stationId)))
      .innerJoin(dutyPosts, and(eq(dutyPosts.tenantId, postClaims.tenantId), eq(dutyPosts.id, postClaims.postId)))
      .where(
        and(
          eq(postClaims.tenantId, tx.tenantId),
          eq(postClaims.deputyId, deputy.id),
          inArray(postClaims.status, ["pending", "approved"]),
        ),
      )
      .orderBy(asc(stations.name), asc(dutyPosts.sortOrder)),
    tx
      .select({ kind: activities.kind, entries: count() })
      .from(activityDeputies)
      .innerJoin(
        activities,
        and(eq(activities.tenantId, activityDeputies.tenantId), eq(activities.id, activityDeputies.activityId)),
      )
      .where(
        and(
          eq(activityDeputies.tenantId, tx.tenantId),
          eq(activityDeputies.deputyId, deputy.id),
          gte(activities.day, yearStart),
          lte(activities.day, today),
        ),
      )
      .groupBy(activities.kind)
      .orderBy(sql`count(*) desc`, asc(activities.kind)),
  ]);
  return {
    deputy,
    stations: stationRows,
    posts: postRows,
    ledger: { entries: ledgerRows.reduce((sum, row) => sum + row.entries, 0), byKind: ledgerRows },
  };
}
