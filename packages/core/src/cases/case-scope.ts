import { type Actor, handlingUnitsOf, hasRole, townshipsOfRole } from "@rdlink/auth";
import { cases, deputies, deputyStations, stationLiaisons, type TenantTx } from "@rdlink/db";
import { and, arrayOverlaps, eq, inArray, isNotNull, or, type SQL, sql } from "drizzle-orm";

/** The stations a user serves at: as their liaison officer, or as a deputy stationed there. */
function stationsOf(tx: TenantTx, actor: Actor) {
  const asLiaison = tx
    .select({ stationId: stationLiaisons.stationId })
    .from(stationLiaisons)
    .where(and(eq(stationLiaisons.tenantId, tx.tenantId), eq(stationLiaisons.userId, actor.userId)));
  const asDeputy = tx
    .select({ stationId: deputyStations.stationId })
    .from(deputyStations)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyStations.tenantId), eq(deputies.id, deputyStations.deputyId)))
    .where(and(eq(deputyStations.tenantId, tx.tenantId), eq(deputies.userId, actor.userId)));
  return { asLiaison, asDeputy };
}

/** A case named for one of the user's deputies (a suggestion of theirs, or merged from their stations). */
function namesDeputyOf(tx: TenantTx, actor: Actor): SQL {
  return sql`${cases.deputyIds} && array(select ${deputies.id} from ${deputies}
    where ${deputies.tenantId} = ${tx.tenantId} and ${deputies.userId} = ${actor.userId})`;
}

const anyOf = (conditions: (SQL | undefined)[]) => {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length > 0 ? or(...present)! : sql`false`;
};

/**
 * The cases a user may open: the county admin all of them; a team's members the cases that
 * have been on their team's desk; township operators and
 * liaison officers their townships'; a handling unit's responders the cases assigned to
 * their unit, as lead or co-handling unit; deputies the cases of the stations they are stationed at and
 * those named for them (a suggestion merged from opinions of their stations). Anything else
 * answers 404, as if it did not exist.
 */
export function caseScope(tx: TenantTx, actor: Actor): SQL | undefined {
  if (hasRole(actor, "county_admin")) return undefined;
  const townships = [...townshipsOfRole(actor, "township_operator"), ...townshipsOfRole(actor, "station_liaison")];
  const units = handlingUnitsOf(actor);
  const { asDeputy } = stationsOf(tx, actor);
  const teams = actor.teams ?? [];
  return anyOf([
    teams.length > 0 ? arrayOverlaps(cases.teamKeys, teams) : undefined,
    townships.length > 0 ? inArray(cases.townshipId, townships) : undefined,
    units.length > 0 ? inArray(cases.handlingUnitId, units) : undefined,
    units.length > 0 ? arrayOverlaps(cases.coHandlingUnitIds, units) : undefined,
    hasRole(actor, "deputy") ? or(inArray(cases.stationId, asDeputy), namesDeputyOf(tx, actor)) : undefined,
  ]);
}

/**
 * The open cases on a user's desk: the current state's assignee is one of the user's
 * roles, within that role's reach (its townships, its stations, its unit, the county), or
 * one of their teams; the county admin also has every case nobody can take (unattended).
 */
export function onDesk(tx: TenantTx, actor: Actor): SQL {
  const { asLiaison, asDeputy } = stationsOf(tx, actor);
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
      hasRole(actor, "station_liaison") ? desk("station_liaison", inArray(cases.stationId, asLiaison)) : undefined,
      units.length > 0
        ? desk(
            "handling_unit_responder",
            or(inArray(cases.handlingUnitId, units), arrayOverlaps(cases.coHandlingUnitIds, units)),
          )
        : undefined,
      hasRole(actor, "deputy")
        ? desk("deputy", or(inArray(cases.stationId, asDeputy), namesDeputyOf(tx, actor)))
        : undefined,
    ]),
  )!;
}
