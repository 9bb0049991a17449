/** The roles a user can hold in a county. Import-safe in the browser (no database code). */
export const roles = [
  "county_admin",
  "township_operator",
  "station_liaison",
  "deputy",
  "handling_unit_responder",
] as const;
export type TRole = (typeof roles)[number];
