import type { TRole } from "@rdlink/vocabulary/roles";

/**
 * Every permission decision in one place. Loaders and actions ask `can` (or
 * `assertCan`); what a role reaches (which cases, townships, channels) is built in core on
 * `hasRole` and the scope helpers below, never on memberships read by hand.
 */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  platformRole: "operator" | null;
  /** The county the user works for; null for platform staff. */
  tenantId: string | null;
  /** A handling-unit responder's membership names their unit (`handlingUnitId`). */
  memberships: { role: TRole; townshipIds: string[]; handlingUnitId?: string | null }[];
  /** The keys of the county's teams (信访办, 督办组…) the user belongs to: desks a workflow can name. */
  teams?: string[];
};

export type Permission =
  | "platform.tenants.manage"
  | "platform.templates.manage"
  | "tenant.townships.read"
  | "tenant.townships.manage"
  | "tenant.users.read"
  | "tenant.users.invite"
  | "tenant.audit.read"
  | "tenant.privacy.manage"
  | "tenant.workflows.manage"
  | "tenant.calendar.manage"
  | "tenant.teams.read"
  | "tenant.teams.manage"
  | "tenant.cases.start"
  | "tenant.cases.read"
  | "tenant.cases.act"
  | "tenant.cases.assign"
  | "tenant.cases.merge"
  | "tenant.stations.read"
  | "tenant.stations.manage"
  | "tenant.stationTypes.manage"
  | "tenant.templates.upgrade"
  | "tenant.posts.claim"
  | "tenant.posts.decide"
  | "tenant.posts.manage"
  | "tenant.deputies.manage"
  | "tenant.deputies.import"
  | "tenant.deputies.revealPhone"
  | "tenant.handlingUnits.read"
  | "tenant.handlingUnits.manage"
  | "tenant.handlingUnits.revealPhone"
  | "tenant.communities.manage"
  | "tenant.grids.manage"
  | "tenant.activities.read"
  | "tenant.activities.record"
  | "tenant.stats.read"
  | "tenant.notifications.read"
  | "tenant.outbox.manage"
  | "tenant.apiKeys.manage"
  | "tenant.sessions.manage"
  | "tenant.consultations.manage"
  | "tenant.suggestions.submit"
  | "tenant.voting.manage"
  | "tenant.pairs.manage"
  | "tenant.pairs.visit"
  | "tenant.scoring.manage";

export type Target = {
  /** The tenant the data belongs to. */
  tenantId?: string;
  /** The township the data belongs to, for township-scoped roles. */
  townshipId?: string;
};

export class PermissionDenied extends Error {
  constructor(readonly permission: Permission) {
    super(`Not allowed: ${permission}`);
  }
}

/** Whether any of the actor's memberships has this role; for the rules below and the scopes built on them. */
export const hasRole = (actor: Actor, role: TRole) => actor.memberships.some((m) => m.role === role);

/** Whether the actor has this role and no other (a unit's responder who is nothing else). */
export const hasOnlyRole = (actor: Actor, role: TRole) =>
  actor.memberships.length > 0 && actor.memberships.every((m) => m.role === role);

/** Township-scoped roles reach only their townships; the county admin reaches all. */
export function townshipsInScope(actor: Actor): "all" | string[] {
  if (hasRole(actor, "county_admin")) return "all";
  return [...new Set(actor.memberships.flatMap((m) => m.townshipIds))];
}

/** The townships a role works for, among the actor's memberships. */
export const townshipsOfRole = (actor: Actor, role: TRole) =>
  actor.memberships.filter((m) => m.role === role).flatMap((m) => m.townshipIds);

/** The handling units whose cases a responder sees. */
export function handlingUnitsOf(actor: Actor): string[] {
  return actor.memberships.flatMap((m) =>
    m.role === "handling_unit_responder" && m.handlingUnitId ? [m.handlingUnitId] : [],
  );
}

/**
 * The townships whose stations and deputies the actor may see: deputies and handling
 * units work county-wide, township roles within their townships.
 */
export function stationScope(actor: Actor): "all" | string[] {
  if (hasRole(actor, "deputy") || hasRole(actor, "handling_unit_responder")) return "all";
  return townshipsInScope(actor);
}

export function can(actor: Actor, permission: Permission, target: Target = {}): boolean {
  if (permission === "platform.tenants.manage" || permission === "platform.templates.manage")
    return actor.platformRole === "operator";

  // Platform staff look after counties: they may read a county's townships and users, nothing more.
  if (actor.platformRole === "operator") {
    return permission === "tenant.townships.read" || permission === "tenant.users.read";
  }
  if (!actor.tenantId || (target.tenantId !== undefined && target.tenantId !== actor.tenantId)) return false;

  switch (permission) {
    case "tenant.townships.read": {
      if (hasRole(actor, "county_admin")) return true;
      const scope = townshipsInScope(actor);
      return target.townshipId === undefined ? actor.memberships.length > 0 : scope.includes(target.townshipId);
    }
    case "tenant.townships.manage":
    case "tenant.users.read":
    case "tenant.users.invite":
    case "tenant.audit.read":
    case "tenant.privacy.manage":
    case "tenant.workflows.manage":
    // Taking a newer version of the platform's template set (decision 0037): the county's configuration.
    case "tenant.templates.upgrade":
    case "tenant.calendar.manage":
    case "tenant.teams.read":
    case "tenant.teams.manage":
      return hasRole(actor, "county_admin");
    case "tenant.stations.read":
    case "tenant.activities.read": {
      if (target.townshipId === undefined) return actor.memberships.length > 0;
      const scope = stationScope(actor);
      return scope === "all" || scope.includes(target.townshipId);
    }
    // What a township's congress body keeps up to date: its stations, posts, deputies, communities and grids.
    case "tenant.stations.manage":
    case "tenant.posts.decide":
    case "tenant.deputies.manage":
    case "tenant.communities.manage":
    case "tenant.grids.manage":
    // 民生实事项目票决: the street's congress body runs its representatives' meetings.
    case "tenant.voting.manage":
      return hasRole(actor, "county_admin") || inTownships(townshipsOfRole(actor, "township_operator"), target);
    // The ledger is kept by the stations' liaison officers as well.
    case "tenant.activities.record":
      return (
        hasRole(actor, "county_admin") ||
        inTownships(
          [...townshipsOfRole(actor, "township_operator"), ...townshipsOfRole(actor, "station_liaison")],
          target,
        )
      );
    case "tenant.stationTypes.manage":
    case "tenant.posts.manage":
    case "tenant.deputies.import":
    case "tenant.deputies.revealPhone":
    case "tenant.handlingUnits.manage":
    case "tenant.handlingUnits.revealPhone":
    // 考核细则 and the published 年度考核表 (decision 0027): the county's, not a township's.
    case "tenant.scoring.manage":
      return hasRole(actor, "county_admin");
    case "tenant.handlingUnits.read":
      return actor.memberships.length > 0;
    // The dashboard's figures: the whole county, or an operator's own townships.
    case "tenant.stats.read":
      return hasRole(actor, "county_admin") || inTownships(townshipsOfRole(actor, "township_operator"), target);
    // The bell: every member of the county reads (and marks read) their own notifications.
    case "tenant.notifications.read":
      return actor.memberships.length > 0;
    // The outbox of messages to channels: the county admin sees it and retries what failed for good.
    case "tenant.outbox.manage":
      return hasRole(actor, "county_admin");
    // Keys other systems (a 12345 hotline) submit opinions with: the county admin issues and revokes them.
    case "tenant.apiKeys.manage":
      return hasRole(actor, "county_admin");
    case "tenant.posts.claim":
      return hasRole(actor, "deputy");
    // The congress sessions and the suggestions handed in at them: kept by the county's congress office.
    case "tenant.sessions.manage":
      return hasRole(actor, "county_admin");
    // 法规草案意见征集: a contact point's liaison officer or its township's operator, or the county admin.
    case "tenant.consultations.manage":
      return (
        hasRole(actor, "county_admin") ||
        inTownships(
          [...townshipsOfRole(actor, "township_operator"), ...townshipsOfRole(actor, "station_liaison")],
          target,
        )
      );
    // 双联 (0028): the township's congress body keeps its deputies' pairs; the deputy records visits.
    case "tenant.pairs.manage":
      return hasRole(actor, "county_admin") || inTownships(townshipsOfRole(actor, "township_operator"), target);
    case "tenant.pairs.visit":
      return hasRole(actor, "deputy");
    // A deputy hands in their own suggestion (as its 领衔代表).
    case "tenant.suggestions.submit":
      return hasRole(actor, "deputy");
    // Registering a case: at the station on a citizen's behalf, or a deputy's own submission.
    case "tenant.cases.start":
      return ["county_admin", "township_operator", "station_liaison", "deputy"].some((role) =>
        hasRole(actor, role as TRole),
      );
    // The workbench's bulk 交办: the township hands opinions on, the county suggestions and rulings.
    // Which cases, and at which step, is still the workflow's to say.
    case "tenant.cases.assign":
      return hasRole(actor, "county_admin") || hasRole(actor, "township_operator");
    // 整合: opinions merged into a deputy suggestion (the workflow's merge step says where).
    case "tenant.cases.merge":
      return hasRole(actor, "county_admin") || hasRole(actor, "township_operator") || hasRole(actor, "deputy");
    // Which cases is decided by `caseScope` in core (township, station, handling unit).
    case "tenant.cases.read":
    case "tenant.cases.act":
      // Which events a role or team may send in which state is the workflow's to say (the runtime checks it).
      return actor.memberships.length > 0 || (actor.teams ?? []).length > 0;
  }
}

/** Whether a township-scoped role reaches the target: some township at all, or the target's township. */
function inTownships(townshipIds: string[], target: Target): boolean {
  return townshipIds.length > 0 && (target.townshipId === undefined || townshipIds.includes(target.townshipId));
}

export function assertCan(actor: Actor, permission: Permission, target?: Target): void {
  if (!can(actor, permission, target)) throw new PermissionDenied(permission);
}

/**
 * Where a signed-in user lands first: the operator on the counties, the county admin on the
 * county's overview, everyone else on their own desk (what waits for them).
 */
export function homePath(actor: Actor): string {
  if (actor.platformRole === "operator") return "/platform";
  return hasRole(actor, "county_admin") ? "/county" : "/desk";
}
