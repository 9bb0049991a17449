import { assertCan } from "@rdlink/auth";
import { activities, activityDeputies, deputies, stations, type TenantTx, townships } from "@rdlink/db";
import { resources } from "@rdlink/i18n";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { and, desc, eq, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { buildListSheet, MAX_EXPORT_ROWS, type TSheetColumn } from "../shared/list-sheet";
import { activityConditions, ledgerPeriod, ZActivityFilters } from "./activity-filters";

const ledger = resources["zh-CN"].translation.ledger;

type TExportedActivity = {
  day: string;
  kind: keyof typeof ledger.kinds;
  townshipName: string;
  stationName: string;
  deputyNames: string | null;
  peopleReceived: number | null;
  disputesMediated: number | null;
  jobsArranged: number | null;
  summary: string;
  photoCount: number;
};

const COLUMNS: TSheetColumn<TExportedActivity>[] = [
  { header: ledger.day, width: 12, value: (a) => a.day },
  { header: ledger.kind, width: 14, value: (a) => ledger.kinds[a.kind] },
  { header: ledger.township, width: 16, value: (a) => a.townshipName },
  { header: ledger.station, width: 24, value: (a) => a.stationName },
  { header: ledger.deputies, width: 24, value: (a) => a.deputyNames },
  { header: ledger.peopleReceived, width: 14, value: (a) => a.peopleReceived },
  { header: ledger.disputesMediated, width: 14, value: (a) => a.disputesMediated },
  { header: ledger.jobsArranged, width: 14, value: (a) => a.jobsArranged },
  { header: ledger.summary, width: 60, value: (a) => a.summary },
  { header: "照片（张）", width: 10, value: (a) => a.photoCount },
];

/**
 * The ledger as .xlsx: the entries the page lists (the actor's townships, the filters, and the
 * period: this year so far unless chosen), every page of them, newest day first, with the full
 * summary and the names of the deputies who took part.
 */
export async function exportActivities(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.activities.read", { tenantId: tx.tenantId });
  const filters = parseInput(ZActivityFilters, input);
  const period = ledgerPeriod(filters, localDateOf(ctx.clock.now()));
  const rows = await tx
    .select({
      day: activities.day,
      kind: activities.kind,
      townshipName: townships.name,
      stationName: stations.name,
      deputyNames: sql<
        string | null
      >`(select string_agg(${deputies.name}, '、' order by ${deputies.name}) from ${activityDeputies} join ${deputies} on ${deputies.tenantId} = ${activityDeputies.tenantId} and ${deputies.id} = ${activityDeputies.deputyId} where ${activityDeputies.tenantId} = ${activities.tenantId} and ${activityDeputies.activityId} = ${activities.id})`,
      peopleReceived: activities.peopleReceived,
      disputesMediated: activities.disputesMediated,
      jobsArranged: activities.jobsArranged,
      summary: activities.summary,
      photoCount: sql<number>`jsonb_array_length(${activities.photoIds})::int`,
    })
    .from(activities)
    .innerJoin(stations, and(eq(stations.tenantId, activities.tenantId), eq(stations.id, activities.stationId)))
    .innerJoin(townships, and(eq(townships.tenantId, activities.tenantId), eq(townships.id, activities.townshipId)))
    .where(activityConditions(tx.tenantId, ctx, { ...filters, ...period }))
    .orderBy(desc(activities.day), desc(activities.createdAt))
    .limit(MAX_EXPORT_ROWS + 1);
  if (rows.length > MAX_EXPORT_ROWS) throw new ValidationError({}, "errors.exportTooLarge");
  return { period, bytes: await buildListSheet("履职台账", COLUMNS, rows as TExportedActivity[]) };
}
