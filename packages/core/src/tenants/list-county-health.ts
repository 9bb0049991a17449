import { assertCan } from "@rdlink/auth";
import {
  type AppTx,
  auditLog,
  caseEvents,
  cases,
  enterTenant,
  files,
  outbox,
  selectRows,
  sessions,
  templateSets,
  templateSetVersions,
  type tenants,
  users,
} from "@rdlink/db";
import { addDays, localDateOf } from "@rdlink/workflow/calendar/working-time";
import { and, eq, gte, inArray, max, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import { caseIsClosed, caseIsOverdue } from "../cases/case-progress";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { startOfShanghaiDay } from "../shared/shanghai-days";
import { listTenants } from "./list-tenants";

const DAY_MS = 86_400_000;
/** "Active users": signed in, or used a session, within this many days. */
export const ACTIVE_USER_DAYS = 30;
/** A county with no sign-in, no case opened and no case event for this long is flagged. */
export const INACTIVE_DAYS = 60;
/** The list's length, as the platform's tenant list (listTenants) has it. */
export const COUNTY_HEALTH_LIMIT = 200;

/** The sign-in the audit log records for every way in: the password, an invitation, a reset. */
const SIGNED_IN = "auth.signed_in";

/** One county's row: who it is, then its figures. Later fields (its template set …) go at the end. */
export type TCountyHealth = {
  tenantId: string;
  name: string;
  divisionCode: string;
  provinceName: string;
  cityName: string;
  status: "active" | "suspended";
  createdAt: Date;
  /** Distinct users who signed in or used a session in the last 30 days. */
  activeUsers: number;
  /** Cases opened, and cases that reached a closing state (办结), this month in Asia/Shanghai. */
  casesOpened: number;
  casesClosed: number;
  /** Cases overdue now, as the workbench counts them (caseIsOverdue). */
  overdueCases: number;
  /** Messages the worker gave up on (the county's outbox, status failed). */
  outboxFailed: number;
  /** Bytes of the county's stored photos and attachments. */
  storageBytes: number;
  lastSignInAt: Date | null;
  /** The latest sign-in, case opened or case event; null when there was none. */
  lastActivityAt: Date | null;
  /** No activity for INACTIVE_DAYS (a county onboarded more recently is not flagged). */
  inactive: boolean;
  /** The template set and version the county was onboarded from (decision 0037); null when unknown here. */
  templateSet: { name: string; version: number } | null;
  /** The set's newest version when it is newer than the county's: an upgrade the county has not taken. */
  upgradeTo: number | null;
};

/** What a column sorts by; nulls (never signed in) go last either way. */
const SORT_VALUES = {
  name: (row) => row.name,
  code: (row) => row.divisionCode,
  region: (row) => `${row.provinceName} ${row.cityName}`,
  status: (row) => row.status,
  createdAt: (row) => row.createdAt.getTime(),
  activeUsers: (row) => row.activeUsers,
  casesOpened: (row) => row.casesOpened,
  casesClosed: (row) => row.casesClosed,
  overdueCases: (row) => row.overdueCases,
  outboxFailed: (row) => row.outboxFailed,
  storageBytes: (row) => row.storageBytes,
  lastSignInAt: (row) => row.lastSignInAt?.getTime() ?? null,
  inactive: (row) => (row.inactive ? 1 : 0),
  templateSet: (row) =>
    row.templateSet ? `${row.templateSet.name} ${String(row.templateSet.version).padStart(4, "0")}` : null,
  upgradeTo: (row) => row.upgradeTo,
} satisfies Record<string, (row: TCountyHealth) => string | number | null>;

export type TCountyHealthSort = keyof typeof SORT_VALUES;
export const COUNTY_HEALTH_SORTS = Object.keys(SORT_VALUES) as [TCountyHealthSort, ...TCountyHealthSort[]];
/** Text reads A to Z first; figures and times largest and latest first, where the trouble is. */
export const defaultDirectionOf = (sort: TCountyHealthSort): "asc" | "desc" =>
  sort === "name" || sort === "code" || sort === "region" || sort === "status" ? "asc" : "desc";

export const ZCountyHealthQuery = z.object({
  search: z.string({ error: "validation.invalid" }).trim().max(60, "validation.tooLong").default(""),
  /** Unset: the tenant list's own order, newest first. */
  sort: z.enum(COUNTY_HEALTH_SORTS, { error: "validation.invalid" }).optional(),
  direction: z.enum(["asc", "desc"], { error: "validation.invalid" }).optional(),
});
export type TCountyHealthQuery = z.input<typeof ZCountyHealthQuery>;

/**
 * Every county's health for the platform operator: the tenant list's counties (same search, up
 * to 200) with their active users, this month's cases opened and closed, overdue cases, failed
 * messages, storage, last sign-in and a flag for counties idle for 60 days, sorted by any column.
 *
 * The platform's role sees no county table (RLS), and no role may count across them, so the
 * county figures are read the way the worker reads a county: inside it. One transaction enters
 * each county in turn (enterTenant) for one statement of sub-counts; what the platform tables
 * hold (sessions by home county) is one grouped query (countyHealthOf).
 */
export async function listCountyHealth(tx: AppTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const query = parseInput(ZCountyHealthQuery, input);
  const counties = await listTenants(tx, ctx, { search: query.search });
  const rows = await countyHealthOf(tx, counties, ctx.clock.now());
  const sorted = query.sort ? sortRows(rows, query.sort, query.direction ?? defaultDirectionOf(query.sort)) : rows;
  return {
    rows: sorted,
    search: query.search,
    sort: query.sort ?? null,
    direction: query.sort ? (query.direction ?? defaultDirectionOf(query.sort)) : null,
    /** The list stops at COUNTY_HEALTH_LIMIT counties: the search narrows it. */
    truncated: counties.length >= COUNTY_HEALTH_LIMIT,
  };
}

/**
 * The health of these counties at `now` (getCountyHealth's too). One grouped query on the
 * platform's sessions, then one statement per county inside it; the transaction ends its use
 * case still in the last county.
 */
export async function countyHealthOf(
  tx: AppTx,
  counties: (typeof tenants.$inferSelect)[],
  now: Date,
): Promise<TCountyHealth[]> {
  const ids = counties.map((county) => county.id);
  const activeSince = new Date(now.getTime() - ACTIVE_USER_DAYS * DAY_MS);
  const inactiveBefore = new Date(now.getTime() - INACTIVE_DAYS * DAY_MS);
  const today = localDateOf(now);
  const monthStart = startOfShanghaiDay(`${today.slice(0, 8)}01`);
  // The first of next month: 28 days on from the 1st always lands in this month, 4 more in the next.
  const monthEnd = startOfShanghaiDay(`${addDays(`${today.slice(0, 8)}28`, 4).slice(0, 8)}01`);

  // Sessions end on sign-out and within 7 days, so they add users active now to the audit's sign-ins.
  const sessionUsers =
    ids.length === 0
      ? []
      : await tx
          .selectDistinct({ tenantId: users.homeTenantId, userId: sessions.userId })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .where(and(inArray(users.homeTenantId, ids), gte(sessions.lastUsedAt, activeSince)));

  const templates = await templateSetsOf(tx, counties);

  const rows: TCountyHealth[] = [];
  for (const county of counties) {
    const countyTx = await enterTenant(tx, county.id);
    const statement = countyFigures(countyTx.tenantId, now, activeSince, monthStart, monthEnd);
    const [f] = (await selectRows<CountyFigures>(countyTx, statement)) as [CountyFigures];
    const active = new Set([
      ...f.signed_in_users,
      ...sessionUsers.filter((s) => s.tenantId === county.id).map((s) => s.userId),
    ]);
    const lastSignInAt = dateOf(f.last_sign_in_at);
    const lastActivityAt = latest([lastSignInAt, dateOf(f.last_case_opened_at), dateOf(f.last_case_event_at)]);
    rows.push({
      tenantId: county.id,
      name: county.name,
      divisionCode: county.divisionCode,
      provinceName: county.provinceName,
      cityName: county.cityName,
      status: county.status,
      createdAt: county.createdAt,
      activeUsers: active.size,
      casesOpened: f.cases_opened,
      casesClosed: f.cases_closed,
      overdueCases: f.overdue_cases,
      outboxFailed: f.outbox_failed,
      storageBytes: Number(f.storage_bytes),
      lastSignInAt,
      lastActivityAt,
      // A county younger than the window has not been idle for it.
      inactive: (lastActivityAt ?? county.createdAt) < inactiveBefore,
      ...(templates.get(county.templateSetVersionId ?? "") ?? { templateSet: null, upgradeTo: null }),
    });
  }
  return rows;
}

/** By template set version: its set's name, its number, and the set's newest when newer. */
async function templateSetsOf(tx: AppTx, counties: (typeof tenants.$inferSelect)[]) {
  const versionIds = [...new Set(counties.flatMap((c) => (c.templateSetVersionId ? [c.templateSetVersionId] : [])))];
  if (versionIds.length === 0) return new Map<string, Pick<TCountyHealth, "templateSet" | "upgradeTo">>();
  const newest = tx
    .select({ setId: templateSetVersions.setId, version: max(templateSetVersions.version).as("newest") })
    .from(templateSetVersions)
    .groupBy(templateSetVersions.setId)
    .as("newest");
  const rows = await tx
    .select({
      id: templateSetVersions.id,
      name: templateSets.name,
      version: templateSetVersions.version,
      newest: newest.version,
    })
    .from(templateSetVersions)
    .innerJoin(templateSets, eq(templateSets.id, templateSetVersions.setId))
    .innerJoin(newest, eq(newest.setId, templateSetVersions.setId))
    .where(inArray(templateSetVersions.id, versionIds));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        templateSet: { name: row.name, version: row.version },
        upgradeTo: row.newest !== null && row.newest > row.version ? row.newest : null,
      },
    ]),
  );
}

type CountyFigures = {
  cases_opened: number;
  cases_closed: number;
  overdue_cases: number;
  outbox_failed: number;
  storage_bytes: number | string;
  last_sign_in_at: Date | string | null;
  last_case_opened_at: Date | string | null;
  last_case_event_at: Date | string | null;
  signed_in_users: string[];
};

/**
 * One county's figures in one statement of sub-counts, each naming the county as well (RLS is the
 * second wall). Month and 30-day windows are half-open spans of instants.
 */
function countyFigures(tenantId: string, now: Date, activeSince: Date, monthStart: Date, monthEnd: Date) {
  const within = (column: AnyPgColumn, start: Date, end: Date) =>
    sql`${column} >= ${start.toISOString()}::timestamptz and ${column} < ${end.toISOString()}::timestamptz`;
  return sql`select
    (select count(*) from ${cases} where ${cases.tenantId} = ${tenantId}
      and ${within(cases.createdAt, monthStart, monthEnd)})::int as cases_opened,
    (select count(*) from ${cases} where ${cases.tenantId} = ${tenantId}
      and ${caseIsClosed} and ${within(cases.closedAt, monthStart, monthEnd)})::int as cases_closed,
    (select count(*) from ${cases} where ${cases.tenantId} = ${tenantId} and ${caseIsOverdue(now)})::int as overdue_cases,
    (select count(*) from ${outbox} where ${outbox.tenantId} = ${tenantId} and ${outbox.status} = 'failed')::int
      as outbox_failed,
    (select coalesce(sum(${files.bytes}), 0) from ${files} where ${files.tenantId} = ${tenantId})::float8 as storage_bytes,
    (select max(${auditLog.at}) from ${auditLog} where ${auditLog.tenantId} = ${tenantId}
      and ${auditLog.action} = ${SIGNED_IN}) as last_sign_in_at,
    (select max(${cases.createdAt}) from ${cases} where ${cases.tenantId} = ${tenantId}) as last_case_opened_at,
    (select max(${caseEvents.at}) from ${caseEvents} where ${caseEvents.tenantId} = ${tenantId}) as last_case_event_at,
    array(select distinct ${auditLog.actorUserId}::text from ${auditLog} where ${auditLog.tenantId} = ${tenantId}
      and ${auditLog.action} = ${SIGNED_IN} and ${auditLog.actorUserId} is not null
      and ${auditLog.at} >= ${activeSince.toISOString()}::timestamptz) as signed_in_users`;
}

/** A timestamptz from a raw query: postgres.js and PGlite may hand back a Date or its text. */
const dateOf = (value: Date | string | null) => (value === null ? null : new Date(value));

const latest = (dates: (Date | null)[]) =>
  dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);

/** A stable sort: ties keep the tenant list's order (newest first). */
function sortRows(rows: TCountyHealth[], sort: TCountyHealthSort, direction: "asc" | "desc") {
  const sortValue = SORT_VALUES[sort];
  const sign = direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a);
    const y = sortValue(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === "string" && typeof y === "string") return sign * x.localeCompare(y, "zh-CN");
    return sign * (Number(x) - Number(y));
  });
}
