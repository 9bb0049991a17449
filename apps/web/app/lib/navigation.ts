import { type Actor, can, hasRole } from "@rdlink/auth";

export type NavIcon =
  | "tenants"
  | "onboard"
  | "templates"
  | "desk"
  | "overview"
  | "work"
  | "dashboard"
  | "ledger"
  | "townships"
  | "stations"
  | "stationReviews"
  | "deputies"
  | "deputyRecords"
  | "pairs"
  | "deputyScoring"
  | "dutyPosts"
  | "grids"
  | "handlingUnits"
  | "sessions"
  | "revisits"
  | "consultations"
  | "voting"
  | "stationTypes"
  | "standards"
  | "workflows"
  | "calendar"
  | "teams"
  | "users"
  | "audit"
  | "outbox"
  | "sms"
  | "apiKeys"
  | "privacy"
  | "account";

export type NavItem = { to: string; labelKey: string; icon: NavIcon; end?: boolean };
export type NavGroup = { key: "work" | "organization" | "setup" | "system"; items: NavItem[] };

/**
 * The roles whose work is the county's stations, deputies and ledger. Deputies and handling
 * units may read those pages (a link from a case leads there) but they are not their work, so
 * their menu leaves them out.
 */
const keepsTheStations = (actor: Actor) =>
  hasRole(actor, "county_admin") || hasRole(actor, "township_operator") || hasRole(actor, "station_liaison");

/**
 * The menu of a signed-in user, grouped: only what their role can open and works with.
 * Empty groups are dropped; "修改密码" is outside the groups, beside the user's name.
 */
export function navigationOf(actor: Actor): NavGroup[] {
  const item = (show: boolean, to: string, labelKey: string, icon: NavIcon, end?: boolean): NavItem[] =>
    show ? [{ to, labelKey, icon, ...(end ? { end } : {}) }] : [];

  if (actor.platformRole === "operator") {
    return [
      {
        key: "work",
        items: [
          ...item(true, "/platform", "nav.tenants", "tenants", true),
          ...item(true, "/platform/onboard", "nav.onboard", "onboard"),
          ...item(true, "/platform/templates", "nav.templates", "templates"),
          ...item(true, "/platform/audit", "nav.audit", "audit"),
        ],
      },
    ];
  }
  if (!actor.tenantId) return [];
  const admin = hasRole(actor, "county_admin");
  const stationsWork = keepsTheStations(actor);
  const groups: NavGroup[] = [
    {
      key: "work",
      items: [
        ...item(admin, "/county", "nav.overview", "overview", true),
        ...item(!admin, "/desk", "nav.desk", "desk"),
        ...item(can(actor, "tenant.cases.read"), "/work", "work.title", "work"),
        ...item(can(actor, "tenant.stats.read"), "/county/dashboard", "nav.dashboard", "dashboard"),
        ...item(stationsWork && can(actor, "tenant.activities.read"), "/county/ledger", "ledger.title", "ledger"),
        // 法规草案意见征集 at the legislative contact points.
        ...item(
          can(actor, "tenant.consultations.manage"),
          "/county/consultations",
          "nav.consultations",
          "consultations",
        ),
      ],
    },
    {
      key: "organization",
      items: [
        ...item(stationsWork && can(actor, "tenant.townships.read"), "/county/townships", "nav.townships", "townships"),
        ...item(stationsWork && can(actor, "tenant.stations.read"), "/county/stations", "nav.stations", "stations"),
        // 示范站评审: the county runs it, townships submit their stations' evidence.
        ...item(
          admin || hasRole(actor, "township_operator"),
          "/county/station-reviews",
          "stationReviews.title",
          "stationReviews",
        ),
        ...item(stationsWork && can(actor, "tenant.stations.read"), "/county/deputies", "nav.deputies", "deputies"),
        // 履职档案: what every deputy did, for the county and the townships that keep the figures.
        ...item(can(actor, "tenant.stats.read"), "/county/deputy-records", "deputyRecords.title", "deputyRecords"),
        // 双联: the deputies' paired households, kept by their township (0028).
        ...item(can(actor, "tenant.pairs.manage"), "/county/pairs", "pairs.nav", "pairs"),
        // 考核: the county's scoring rules and its published 年度考核表 (decision 0027).
        ...item(can(actor, "tenant.scoring.manage"), "/county/deputy-scoring", "scoring.title", "deputyScoring"),
        ...item(stationsWork && can(actor, "tenant.stations.read"), "/county/duty-posts", "nav.dutyPosts", "dutyPosts"),
        ...item(stationsWork && can(actor, "tenant.stations.read"), "/county/grids", "grids.title", "grids"),
        // Who a township hands opinions to.
        ...item(
          (admin || hasRole(actor, "township_operator")) && can(actor, "tenant.handlingUnits.read"),
          "/county/handling-units",
          "handlingUnits.title",
          "handlingUnits",
        ),
        // The congress sessions and the suggestions deputies hand in at them.
        ...item(can(actor, "tenant.sessions.manage"), "/county/sessions", "nav.sessions", "sessions"),
        // 回头看: the county revisits answered suggestions (the same office keeps them).
        ...item(can(actor, "tenant.sessions.manage"), "/county/revisits", "nav.revisits", "revisits"),
        // 民生实事项目票决: the streets' congress bodies run their representatives' meetings.
        ...item(can(actor, "tenant.voting.manage"), "/county/voting", "voting.nav", "voting"),
      ],
    },
    {
      key: "setup",
      items: [
        ...item(can(actor, "tenant.workflows.manage"), "/county/workflows", "nav.workflows", "workflows"),
        ...item(can(actor, "tenant.stationTypes.manage"), "/county/station-types", "nav.stationTypes", "stationTypes"),
        ...item(can(actor, "tenant.stationTypes.manage"), "/county/standards", "nav.standards", "standards"),
        ...item(can(actor, "tenant.calendar.manage"), "/county/calendar", "nav.calendar", "calendar"),
        ...item(can(actor, "tenant.templates.upgrade"), "/county/template-upgrade", "nav.templateUpgrade", "templates"),
        ...item(can(actor, "tenant.teams.manage"), "/county/teams", "nav.teams", "teams"),
      ],
    },
    {
      key: "system",
      items: [
        ...item(can(actor, "tenant.users.read"), "/county/users", "nav.users", "users"),
        ...item(can(actor, "tenant.audit.read"), "/county/audit", "nav.audit", "audit"),
        ...item(can(actor, "tenant.outbox.manage"), "/county/outbox", "outbox.title", "outbox"),
        ...item(can(actor, "tenant.outbox.manage"), "/county/sms", "nav.sms", "sms"),
        ...item(can(actor, "tenant.apiKeys.manage"), "/county/api-keys", "apiKeys.title", "apiKeys"),
        ...item(can(actor, "tenant.privacy.manage"), "/county/privacy", "privacy.nav", "privacy"),
      ],
    },
  ];
  return groups.filter((group) => group.items.length > 0);
}
