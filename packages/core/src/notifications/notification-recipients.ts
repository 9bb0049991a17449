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
import { and, eq, inArray, isNull } from "drizzle-orm";
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
 */
export async function notificationRecipients(tx: TenantTx, to: TNotifyTarget, kase: RecipientCase): Promise<string[]> {
  const candidates = await candidatesFor(tx, to, kase);
  if (candidates.length === 0) return [];
  const rows = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.tenantId, tx.tenantId), inArray(memberships.userId, candidates), isNull(users.disabledAt)),
    );
  return rows.map((r) => r.userId).sort();
}

function candidatesFor(tx: TenantTx, to: TNotifyTarget, kase: RecipientCase): Promise<string[]> {
  switch (to) {
    case "assignee":
      return assignees(tx, kase);
    case "handlingUnit":
      return responders(tx, kase.handlingUnitId);
    case "coHandlingUnits":
      return Promise.all(kase.coHandlingUnitIds.map((unit) => responders(tx, unit))).then((lists) => lists.flat());
    case "county_admin":
      return withRole(tx, "county_admin");
    case "township_operator":
      return inTownship(tx, "township_operator", kase.townshipId);
    case "deputy":
      return deputiesAt(tx, kase.stationId);
    case "submitter":
      return Promise.resolve([]);
  }
}

/** Whoever holds the case's assignee role within its scope, or the members of its team. */
function assignees(tx: TenantTx, kase: RecipientCase): Promise<string[]> {
  if (kase.assigneeRole === "team") return membersOf(tx, kase.assigneeTeam ?? null);
  const role = kase.assigneeRole as TRole | null;
  if (!role) return Promise.resolve([]);
  switch (kase.assigneeScope) {
    case "county":
      return withRole(tx, role);
    case "township":
      return inTownship(tx, role, kase.townshipId);
    case "station":
      return role === "station_liaison"
        ? liaisonsOf(tx, kase.stationId)
        : inTownship(tx, "township_operator", kase.townshipId);
    case "handlingUnit":
      return role === "handling_unit_responder" ? responders(tx, kase.handlingUnitId) : Promise.resolve([]);
    case "deputy":
      // The case's deputies (a suggestion's proposer, the deputies of merged opinions' stations) and its station's.
      return role === "deputy"
        ? Promise.all([deputiesAt(tx, kase.stationId), deputyUsers(tx, kase.deputyIds ?? [])]).then((l) => l.flat())
        : Promise.resolve([]);
    default:
      return Promise.resolve([]);
  }
}

async function membersOf(tx: TenantTx, teamKey: string | null): Promise<string[]> {
  if (!teamKey) return [];
  const rows = await tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(teams, and(eq(teams.tenantId, teamMembers.tenantId), eq(teams.id, teamMembers.teamId)))
    .where(and(eq(teamMembers.tenantId, tx.tenantId), eq(teams.key, teamKey), isNull(teams.archivedAt)));
  return rows.map((r) => r.userId);
}

async function withRole(tx: TenantTx, role: TRole): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.role, role)));
  return rows.map((r) => r.userId);
}

async function inTownship(tx: TenantTx, role: TRole, townshipId: string | null): Promise<string[]> {
  if (!townshipId) return [];
  const rows = await tx
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
  return rows.map((r) => r.userId);
}

async function responders(tx: TenantTx, handlingUnitId: string | null): Promise<string[]> {
  if (!handlingUnitId) return [];
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        eq(memberships.role, "handling_unit_responder"),
        eq(memberships.handlingUnitId, handlingUnitId),
      ),
    );
  return rows.map((r) => r.userId);
}

async function liaisonsOf(tx: TenantTx, stationId: string | null): Promise<string[]> {
  if (!stationId) return [];
  const rows = await tx
    .select({ userId: stationLiaisons.userId })
    .from(stationLiaisons)
    .where(and(eq(stationLiaisons.tenantId, tx.tenantId), eq(stationLiaisons.stationId, stationId)));
  return rows.map((r) => r.userId);
}

/** The accounts of these deputies (those who have one). */
async function deputyUsers(tx: TenantTx, deputyIds: string[]): Promise<string[]> {
  if (deputyIds.length === 0) return [];
  const rows = await tx
    .select({ userId: deputies.userId })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), inArray(deputies.id, deputyIds)));
  return rows.flatMap((r) => (r.userId ? [r.userId] : []));
}

/** Deputies stationed at the case's station who have an account (deputies.user_id). */
async function deputiesAt(tx: TenantTx, stationId: string | null): Promise<string[]> {
  if (!stationId) return [];
  const rows = await tx
    .select({ userId: deputies.userId })
    .from(deputyStations)
    .innerJoin(deputies, and(eq(deputies.tenantId, deputyStations.tenantId), eq(deputies.id, deputyStations.deputyId)))
    .where(
      and(
        eq(deputyStations.tenantId, tx.tenantId),
        eq(deputyStations.stationId, stationId),
        isNull(deputies.archivedAt),
      ),
    );
  return rows.flatMap((r) => (r.userId ? [r.userId] : []));
}
