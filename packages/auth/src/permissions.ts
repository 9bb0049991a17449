import type { TRole } from "@rdlink/db";

/**
 * Every permission decision in one place. Loaders and actions ask `can` (or
 * `assertCan`); nothing else inspects roles.
 */
export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  platformRole: "operator" | null;
  /** The county the user works for; null for platform staff. */
  tenantId: string | null;
  memberships: { role: TRole; townshipIds: string[] }[];
};

export type Permission =
  | "platform.tenants.manage"
  | "tenant.townships.read"
  | "tenant.townships.manage"
  | "tenant.users.read"
  | "tenant.users.invite"
  | "tenant.audit.read"
  | "tenant.workflows.manage"
  | "tenant.calendar.manage"
  | "tenant.cases.start"
  | "tenant.cases.act"
  | "tenant.stations.read"
  | "tenant.stations.manage"
  | "tenant.stationTypes.manage"
  | "tenant.posts.claim"
  | "tenant.posts.decide"
  | "tenant.deputies.import"
  | "tenant.deputies.revealPhone";

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

const hasRole = (actor: Actor, role: TRole) => actor.memberships.some((m) => m.role === role);

/** Township-scoped roles reach only their townships; the county admin reaches all. */
export function townshipsInScope(actor: Actor): "all" | string[] {
  if (hasRole(actor, "county_admin")) return "all";
  return [...new Set(actor.memberships.flatMap((m) => m.townshipIds))];
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
  if (permission === "platform.tenants.manage") return actor.platformRole === "operator";

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
    case "tenant.workflows.manage":
    case "tenant.calendar.manage":
      return hasRole(actor, "county_admin");
    case "tenant.stations.read": {
      if (target.townshipId === undefined) return actor.memberships.length > 0;
      const scope = stationScope(actor);
      return scope === "all" || scope.includes(target.townshipId);
    }
    case "tenant.stations.manage":
    case "tenant.posts.decide": {
      if (hasRole(actor, "county_admin")) return true;
      const operated = actor.memberships.filter((m) => m.role === "township_operator").flatMap((m) => m.townshipIds);
      return operated.length > 0 && (target.townshipId === undefined || operated.includes(target.townshipId));
    }
    case "tenant.stationTypes.manage":
    case "tenant.deputies.import":
    case "tenant.deputies.revealPhone":
      return hasRole(actor, "county_admin");
    case "tenant.posts.claim":
      return hasRole(actor, "deputy");
    case "tenant.cases.start":
      return ["county_admin", "township_operator", "station_liaison"].some((role) => hasRole(actor, role as TRole));
    case "tenant.cases.act":
      // Which events a role may send in which state is the workflow's to say (the runtime checks it).
      return actor.memberships.length > 0;
  }
}

export function assertCan(actor: Actor, permission: Permission, target?: Target): void {
  if (!can(actor, permission, target)) throw new PermissionDenied(permission);
}

/** Where a signed-in user lands first. */
export function homePath(actor: Actor): string {
  if (actor.platformRole === "operator") return "/platform";
  return "/county";
}
