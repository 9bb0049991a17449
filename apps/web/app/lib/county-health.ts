import type { TCountyHealthSort } from "@rdlink/core/tenants/list-county-health";

/** What the tenant list and its CSV read from the address: ?q= (search), ?sort=, ?dir=. */
export function countyHealthQuery(params: URLSearchParams) {
  return {
    search: params.get("q")?.slice(0, 60) ?? "",
    // Empty means unset; anything else is checked by the use case (an unknown column is a 400).
    sort: params.get("sort") || undefined,
    direction: params.get("dir") || undefined,
  };
}

/** The figure columns after the county's own (name, code, status), in the order shown. */
export const HEALTH_COLUMNS = [
  {
    sort: "activeUsers",
    label: "countyHealth.columns.activeUsers",
    short: "countyHealth.short.activeUsers",
    hint: "countyHealth.hints.activeUsers",
  },
  { sort: "casesOpened", label: "countyHealth.columns.casesOpened", short: "countyHealth.short.casesOpened" },
  { sort: "casesClosed", label: "countyHealth.columns.casesClosed", short: "countyHealth.short.casesClosed" },
  {
    sort: "overdueCases",
    label: "countyHealth.columns.overdueCases",
    short: "countyHealth.short.overdueCases",
    hint: "countyHealth.hints.overdueCases",
  },
  {
    sort: "outboxFailed",
    label: "countyHealth.columns.outboxFailed",
    short: "countyHealth.short.outboxFailed",
    hint: "countyHealth.hints.outboxFailed",
  },
  {
    sort: "storageBytes",
    label: "countyHealth.columns.storage",
    short: "countyHealth.short.storage",
    hint: "countyHealth.hints.storage",
  },
  { sort: "lastSignInAt", label: "countyHealth.columns.lastSignIn", short: "countyHealth.short.lastSignIn" },
] as const satisfies readonly { sort: TCountyHealthSort; label: string; short: string; hint?: string }[];

/** Bytes as people read them: "0", "512 B", "820 KB", "3.4 MB", "1.2 GB". */
export function formatStorage(bytes: number): string {
  if (bytes === 0) return "0";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
