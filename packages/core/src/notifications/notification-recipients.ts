import {
  type cases,
  deputies,
  deputyStations,
  memberships,
  membershipTownships,
  stationLiaisons,
  type TenantTx,
  type TRole,
  teamMembers,
  teams,
  users,
} from "@rdlink/db";
import { notifyTargets } from "@rdlink/workflow";
import { and, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { amongValues } from "../shared/scope";

/** A `notify` outbox row's payload, as the workflow runtime writes it (a deadline rung adds its timer). */
export const ZNotifyPayload = z.object({
  to: z.enum(notifyTargets),
  template: z.string().min(1).max(100),
  timerId: z.string().max(300).optional(),
});
export type TNotifyPayload = z.infer<typeof ZNotifyPayload>;
export type TNotifyTarget = TNotifyPayload["to"];

/** The columns of a case that say whose desk it is on and where it belongs. */
export type RecipientCase = Pick<
  typeof cases.$inferSelect,
  "townshipId" | "stationId" | "handlingUnitId" | "coHandlingUnitIds" | "assigneeRole" | "assigneeScope"
> &
  Partial<Pick<typeof cases.$inferSelect, "assigneeTeam" | "deputyIds">>;

/**
 * Where a case's people are looked up: its county, township, station, units, deputies and team. Each
 * is a value, or an SQL expression (a placeholder of a kept statement, `step-statement.ts`) of the
 * column's type; an expression is never empty, so its lookup is always in the statement.
 */
export type PeopleOf = {
  tenantId: string | SQL;
  townshipId: string | null | SQL;
  stationId: string | null | SQL;
  /** The units a desk's responders belong to (the lead unit, or the co-handling units). */
  handlingUnitIds: readonly string[] | SQL;
  deputyIds: readonly string[] | SQL;
  team: string | null | SQL;
};

/** A case's desk: whose role it is and at what reach (`township`, `station`, …), or a team's. */
export type Desk = { role: string | null; scope: string | null };

/**
 * The users who get an in-app notification for `to` on this case. Each list is read with
 * the tenant named in the query (RLS is the second wall), and only members of the county
 * whose account is not disabled are kept. The submitter (a citizen) has no account: none.
 * One statement: the candidates are its subqueries.
 */
export async function notificationRecipients(tx: TenantTx, to: TNotifyTarget, kase: RecipientCase): Promise<string[]> {
  const people: PeopleOf = {
    tenantId: tx.tenantId,
    townshipId: kase.townshipId,
    stationId: kase.stationId,
    handlingUnitIds:
      to === "coHandlingUnits" ? kase.coHandlingUnitIds : kase.handlingUnitId ? [kase.handlingUnitId] : [],
    deputyIds: kase.deputyIds ?? [],
    team: kase.assigneeTeam ?? null,
  };
  const desk = { role: kase.assigneeRole, scope: kase.assigneeScope };
  const candidates = presentOnly(candidatesFor(tx, to, desk, people));
  if (candidates.length === 0) return [];
  const rows = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(activeMembersAmong(people, candidates));
  return rows.map((r) => r.userId).sort();
}

/**
 * Whether any active member of the county holds the desk, as `notificationRecipients(…, "assignee", …)`
 * finds them, as one SQL condition: a step's statement sets the unattended mark with it instead of
 * asking first (a round trip). `false` when nobody can be on it.
 */
export function deskHeldCondition(tx: TenantTx, desk: Desk, people: PeopleOf): SQL {
  const candidates = presentOnly(assignees(tx, desk, people));
  if (candidates.length === 0) return sql`false`;
  return sql`exists (${tx
    .select({ one: sql`1` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(activeMembersAmong(people, candidates))})`;
}

/** A subquery of user ids (null: nobody, nothing to ask). */
type Candidates = { getSQL(): SQL };

const presentOnly = (candidates: (Candidates | null)[]) =>
  candidates.filter((query): query is Candidates => query !== null);

/** Members of the county, among the candidates, whose account is not disabled (memberships joined to users). */
function activeMembersAmong(people: PeopleOf, candidates: Candidates[]): SQL {
  return and(
    eq(memberships.tenantId, people.tenantId),
    sql`${memberships.userId} in (${sql.join(
      candidates.map((query) => query.getSQL()),
      sql` union all `,
    )})`,
    isNull(users.disabledAt),
  )!;
}

function candidatesFor(tx: TenantTx, to: TNotifyTarget, desk: Desk, people: PeopleOf): (Candidates | null)[] {
  switch (to) {
    case "assignee":
      return assignees(tx, desk, people);
    case "handlingUnit":
    case "coHandlingUnits":
      return [responders(tx, people)];
    case "county_admin":
      return [withRole(tx, "county_admin", people)];
    case "township_operator":
      return [inTownship(tx, "township_operator", people)];
    case "deputy":
      return [deputiesAt(tx, people)];
    case "submitter":
      return [];
  }
}

/** Whoever holds the case's assignee role within its scope, or the members of its team. */
function assignees(tx: TenantTx, desk: Desk, people: PeopleOf): (Candidates | null)[] {
  if (desk.role === "team") return [membersOf(tx, people)];
  const role = desk.role as TRole | null;
  if (!role) return [];
  switch (desk.scope) {
    case "county":
      return [withRole(tx, role, people)];
    case "township":
      return [inTownship(tx, role, people)];
    case "station":
      return [role === "station_liaison" ? liaisonsOf(tx, people) : inTownship(tx, "township_operator", people)];
    case "handlingUnit":
      return role === "handling_unit_responder" ? [responders(tx, people)] : [];
    case "deputy":
      // The case's deputies (a suggestion's proposer, the deputies of merged opinions' stations) and its station's.
      return role === "deputy" ? [deputiesAt(tx, people), deputyUsers(tx, people)] : [];
    default:
      return [];
  }
}

const isEmpty = (ids: readonly string[] | SQL) => Array.isArray(ids) && ids.length === 0;

function membersOf(tx: TenantTx, { tenantId, team }: PeopleOf) {
  if (team === null) return null;
  return tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.tenantId, teamMembers.tenantId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teams.key, team), isNull(teams.archivedAt)));
}

function withRole(tx: TenantTx, role: TRole, { tenantId }: PeopleOf) {
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, role)));
}

function inTownship(tx: TenantTx, role: TRole, { tenantId, townshipId }: PeopleOf) {
  if (townshipId === null) return null;
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(
      membershipTownships,
      and(eq(membershipTownships.tenantId, memberships.tenantId), eq(membershipTownships.membershipId, memberships.id)),
    )
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.role, role),
        eq(membershipTownships.townshipId, townshipId),
      ),
    );
}

/** The responders of the case's units (`handlingUnitIds`). */
function responders(tx: TenantTx, { tenantId, handlingUnitIds }: PeopleOf) {
  if (isEmpty(handlingUnitIds)) return null;
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.role, "handling_unit_responder"),
        amongValues(memberships.handlingUnitId, handlingUnitIds),
      ),
    );
}

function liaisonsOf(tx: TenantTx, { tenantId, stationId }: PeopleOf) {
  if (stationId === null) return null;
  return tx
    .select({ userId: stationLiaisons.userId })
    .from(stationLiaisons)
    .where(and(eq(stationLiaisons.tenantId, tenantId), eq(stationLiaisons.stationId, stationId)));
}

/** The accounts of the case's deputies (those who have one). */
function deputyUsers(tx: TenantTx, { tenantId, deputyIds }: PeopleOf) {
  if (isEmpty(deputyIds)) return null;
  return tx
    .select({ userId: deputies.userId })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tenantId), amongValues(deputies.id, deputyIds), isNotNull(deputies.userId)));
}

/** Deputies stationed at the case's station who have an account (deputies.user_id). */
function deputiesAt(tx: TenantTx, { tenantId, stationId }: PeopleOf) {
  if (stationId === null) return null;
  return tx
    .select({ userId: deputies.userId })
    .from(deputyStations)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyStations.tenantId), eq(deputies.id, deputyStations.deputyId)))
    .where(
      and(
        eq(deputyStations.tenantId, tenantId),
        eq(deputyStations.stationId, stationId),
        isNull(deputies.archivedAt),
        isNotNull(deputies.userId),
      ),
    );
}
