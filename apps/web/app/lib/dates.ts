/**
 * Dates and times as the county reads them: in Asia/Shanghai, whatever the server's or the
 * browser's own zone (a server in UTC rendered 11:49 where the designer showed 19:49). Every
 * page formats instants through these, so the server's HTML and the hydrated page agree.
 */
export const COUNTY_TIME_ZONE = "Asia/Shanghai";

/** Date and time, "2026/3/5 19:49:00" in Chinese. */
export const formatDateTime = (value: string | Date, language: string) =>
  new Date(value).toLocaleString(language, { timeZone: COUNTY_TIME_ZONE });

/** The day only, "2026/3/5" in Chinese. */
export const formatDate = (value: string | Date, language: string) =>
  new Date(value).toLocaleDateString(language, { timeZone: COUNTY_TIME_ZONE });
