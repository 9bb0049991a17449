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
import { and, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";

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
 * The users who get an in-app notification for `to` on this case. Each list is read with
 * the tenant named in the query (RLS is the second wall), and only members of the county
 * whose account is not disabled are kept. The submitter (a citizen) has no account: none.
 * One statement: the candidates are its subqueries (a step that asks whether anyone holds
 * its new desk pays one round trip).
 */
export async function notificationRecipients(tx: TenantTx, to: TNotifyTarget, kase: RecipientCase): Promise<string[]> {
  const candidates = candidatesFor(tx, to, kase).filter((query): query is Candidates => query !== null);
  if (candidates.length === 0) return [];
  const rows = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        sql`${memberships.userId} in (${sql.join(
          candidates.map((query) => query.getSQL()),
          sql` union all `,
        )})`,
        isNull(users.disabledAt),
      ),
    );
  return rows.map((r) => r.userId).sort();
}

/** A subquery of user ids (null: nobody, nothing to ask). */
type Candidates = { getSQL(): SQL };

function candidatesFor(tx: TenantTx, to: TNotifyTarget, kase: RecipientCase): (Candidates | null)[] {
  switch (to) {
    case "assignee":
      return assignees(tx, kase);
    case "handlingUnit":
      return [responders(tx, kase.handlingUnitId ? [kase.handlingUnitId] : [])];
    case "coHandlingUnits":
      return [responders(tx, kase.coHandlingUnitIds)];
    case "county_admin":
      return [withRole(tx, "county_admin")];
    case "township_operator":
      return [inTownship(tx, "township_operator", kase.townshipId)];
    case "deputy":
      return [deputiesAt(tx, kase.stationId)];
    case "submitter":
      return [];
  }
}

/** Whoever holds the case's assignee role within its scope, or the members of its team. */
function assignees(tx: TenantTx, kase: RecipientCase): (Candidates | null)[] {
  if (kase.assigneeRole === "team") return [membersOf(tx, kase.assigneeTeam ?? null)];
  const role = kase.assigneeRole as TRole | null;
  if (!role) return [];
  switch (kase.assigneeScope) {
    case "county":
      return [withRole(tx, role)];
    case "township":
      return [inTownship(tx, role, kase.townshipId)];
    case "station":
      return [
        role === "station_liaison"
          ? liaisonsOf(tx, kase.stationId)
          : inTownship(tx, "township_operator", kase.townshipId),
      ];
    case "handlingUnit":
      return role === "handling_unit_responder"
        ? [responders(tx, kase.handlingUnitId ? [kase.handlingUnitId] : [])]
        : [];
    case "deputy":
      // The case's deputies (a suggestion's proposer, the deputies of merged opinions' stations) and its station's.
      return role === "deputy" ? [deputiesAt(tx, kase.stationId), deputyUsers(tx, kase.deputyIds ?? [])] : [];
    default:
      return [];
  }
}

function membersOf(tx: TenantTx, teamKey: string | null) {
  if (!teamKey) return null;
  return tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.tenantId, teamMembers.tenantId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.tenantId, tx.tenantId), eq(teams.key, teamKey), isNull(teams.archivedAt)));
}

function withRole(tx: TenantTx, role: TRole) {
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.role, role)));
}

function inTownship(tx: TenantTx, role: TRole, townshipId: string | null) {
  if (!townshipId) return null;
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(
      membershipTownships,
      and(eq(membershipTownships.tenantId, memberships.tenantId), eq(membershipTownships.membershipId, memberships.id)),
    )
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        eq(memberships.role, role),
        eq(membershipTownships.townshipId, townshipId),
      ),
    );
}

/** The responders of these handling units. */
function responders(tx: TenantTx, handlingUnitIds: string[]) {
  if (handlingUnitIds.length === 0) return null;
  return tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        eq(memberships.role, "handling_unit_responder"),
        inArray(memberships.handlingUnitId, handlingUnitIds),
      ),
    );
}

function liaisonsOf(tx: TenantTx, stationId: string | null) {
  if (!stationId) return null;
  return tx
    .select({ userId: stationLiaisons.userId })
    .from(stationLiaisons)
    .where(and(eq(stationLiaisons.tenantId, tx.tenantId), eq(stationLiaisons.stationId, stationId)));
}

/** The accounts of these deputies (those who have one). */
function deputyUsers(tx: TenantTx, deputyIds: string[]) {
  if (deputyIds.length === 0) return null;
  return tx
    .select({ userId: deputies.userId })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), inArray(deputies.id, deputyIds), isNotNull(deputies.userId)));
}

/** Deputies stationed at the case's station who have an account (deputies.user_id). */
function deputiesAt(tx: TenantTx, stationId: string | null) {
  if (!stationId) return null;
  return tx
    .select({ userId: deputies.userId })
    .from(deputyStations)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyStations.tenantId), eq(deputies.id, deputyStations.deputyId)))
    .where(
      and(
        eq(deputyStations.tenantId, tx.tenantId),
        eq(deputyStations.stationId, stationId),
        isNull(deputies.archivedAt),
        isNotNull(deputies.userId),
      ),
    );
}
