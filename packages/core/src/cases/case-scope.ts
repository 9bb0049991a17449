import { type Actor, handlingUnitsOf, hasRole, townshipsOfRole } from "@rdlink/auth";
import { cases, deputies, deputyStations, stationLiaisons, type TenantTx } from "@rdlink/db";
import { and, arrayOverlaps, eq, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";
import { amongValues } from "../shared/scope";

/** The stations a user serves at as their liaison officer. */
function liaisonStationsOf(tx: TenantTx, actor: Actor) {
  return tx
    .select({ stationId: stationLiaisons.stationId })
    .from(stationLiaisons)
    .where(and(eq(stationLiaisons.tenantId, tx.tenantId), eq(stationLiaisons.userId, actor.userId)));
}

/** The stations a user serves at as a deputy stationed there. */
function deputyStationsOf(tx: TenantTx, { tenantId, userId }: Pick<Reach, "tenantId" | "userId">) {
  return tx
    .select({ stationId: deputyStations.stationId })
    .from(deputyStations)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyStations.tenantId), eq(deputies.id, deputyStations.deputyId)))
    .where(and(eq(deputyStations.tenantId, tenantId), eq(deputies.userId, userId)));
}

/** A case named for one of the user's deputies (a suggestion of theirs, or merged from their stations). */
function namesDeputyOf({ tenantId, userId }: Pick<Reach, "tenantId" | "userId">): SQL {
  return sql`${cases.deputyIds} && array(select ${deputies.id} from ${deputies}
    where ${deputies.tenantId} = ${tenantId} and ${deputies.userId} = ${userId})`;
}

const anyOf = (conditions: (SQL | undefined)[]) => {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length > 0 ? or(...present)! : sql`false`;
};

/**
 * What decides which cases a user may open (`caseScope`): whether they are the county's admin
 * or a deputy, and their teams, townships and units. A list is a list of values, or an SQL array
 * (a placeholder of a kept statement, `lockCaseForStep`); null when the user has none.
 */
export type Reach<List = readonly string[] | SQL> = {
  tenantId: string | SQL;
  userId: string | SQL;
  admin: boolean;
  deputy: boolean;
  teams: List | null;
  townships: List | null;
  units: List | null;
};

const listOrNull = (values: readonly string[]) => (values.length > 0 ? values : null);

export function reachOf(tx: TenantTx, actor: Actor): Reach<readonly string[]> {
  return {
    tenantId: tx.tenantId,
    userId: actor.userId,
    admin: hasRole(actor, "county_admin"),
    deputy: hasRole(actor, "deputy"),
    teams: listOrNull(actor.teams ?? []),
    townships: listOrNull([
      ...townshipsOfRole(actor, "township_operator"),
      ...townshipsOfRole(actor, "station_liaison"),
    ]),
    units: listOrNull(handlingUnitsOf(actor)),
  };
}

/**
 * The cases a user may open: the county admin all of them; a team's members the cases that
 * have been on their team's desk; township operators and
 * liaison officers their townships'; a handling unit's responders the cases assigned to
 * their unit, as lead or co-handling unit; deputies the cases of the stations they are stationed at and
 * those named for them (a suggestion merged from opinions of their stations). Anything else
 * answers 404, as if it did not exist.
 */
export function caseScope(tx: TenantTx, actor: Actor): SQL | undefined {
  return scopeOf(tx, reachOf(tx, actor));
}

export function scopeOf(tx: TenantTx, reach: Reach): SQL | undefined {
  if (reach.admin) return undefined;
  return anyOf([
    reach.teams ? arrayOverlaps(cases.teamKeys, reach.teams as string[] | SQL) : undefined,
    reach.townships ? amongValues(cases.townshipId, reach.townships) : undefined,
    reach.units ? amongValues(cases.handlingUnitId, reach.units) : undefined,
    reach.units ? arrayOverlaps(cases.coHandlingUnitIds, reach.units as string[] | SQL) : undefined,
    reach.deputy ? or(inArray(cases.stationId, deputyStationsOf(tx, reach)), namesDeputyOf(reach)) : undefined,
  ]);
}

/**
 * The open cases on a user's desk: the current state's assignee is one of the user's
 * roles, within that role's reach (its townships, its stations, its unit, the county), or
 * one of their teams; the county admin also has every case nobody can take (unattended).
 */
export function onDesk(tx: TenantTx, actor: Actor): SQL {
  const user = { tenantId: tx.tenantId, userId: actor.userId };
  const desk = (role: string, reach: SQL | undefined) => and(eq(cases.assigneeRole, role), reach);
  const operatorTownships = townshipsOfRole(actor, "township_operator");
  const units = handlingUnitsOf(actor);
  const teams = actor.teams ?? [];
  return and(
    eq(cases.status, "active"),
    anyOf([
      teams.length > 0 ? desk("team", inArray(cases.assigneeTeam, teams)) : undefined,
      hasRole(actor, "county_admin") ? desk("county_admin", undefined) : undefined,
      // Nobody can take its step: the county takes it up.
      hasRole(actor, "county_admin") ? isNotNull(cases.unattendedSince) : undefined,
      operatorTownships.length > 0
        ? desk("township_operator", inArray(cases.townshipId, operatorTownships))
        : undefined,
      hasRole(actor, "station_liaison")
        ? desk("station_liaison", inArray(cases.stationId, liaisonStationsOf(tx, actor)))
        : undefined,
      units.length > 0
        ? desk(
            "handling_unit_responder",
            or(inArray(cases.handlingUnitId, units), arrayOverlaps(cases.coHandlingUnitIds, units)),
          )
        : undefined,
      hasRole(actor, "deputy")
        ? desk("deputy", or(inArray(cases.stationId, deputyStationsOf(tx, user)), namesDeputyOf(user)))
        : undefined,
    ]),
  )!;
}
