import { index, layout, prefix, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("sign-in", "routes/sign-in.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  route("language", "routes/language.tsx"),
  route("invite/:token", "routes/invite.tsx"),
  layout("routes/signed-in-layout.tsx", [
    route("account/password", "routes/account-password.tsx"),
    ...prefix("platform", [
      index("routes/platform/tenants.tsx"),
      route("onboard", "routes/platform/onboard.tsx"),
      route("divisions", "routes/platform/divisions.tsx"),
      route("tenants/:tenantId", "routes/platform/tenant.tsx"),
    ]),
    ...prefix("county", [
      index("routes/county/overview.tsx"),
      route("townships", "routes/county/townships.tsx"),
      route("townships/:townshipId", "routes/county/township.tsx"),
      route("users", "routes/county/users.tsx"),
      route("audit", "routes/county/audit.tsx"),
      route("calendar", "routes/county/calendar.tsx"),
      route("stations", "routes/county/stations.tsx"),
      route("stations/new", "routes/county/station-new.tsx"),
      route("stations/:stationId", "routes/county/station.tsx"),
      route("stations/:stationId/qr/:format", "routes/county/station-qr.tsx"),
      route("station-types", "routes/county/station-types.tsx"),
      route("deputies", "routes/county/deputies.tsx"),
      route("deputies/export", "routes/county/deputies-export.tsx"),
    ]),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
