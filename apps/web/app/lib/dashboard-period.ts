import { localDateOf } from "@rdlink/workflow/calendar/working-time";

export const dashboardPeriods = ["month", "year", "custom"] as const;
export type TDashboardPeriod = (typeof dashboardPeriods)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dashboard's query string as the figures' input: this month or this year so far (days
 * in Asia/Shanghai), or a custom from/to; this year unless asked. Same for the page and its export.
 */
export function dashboardQuery(params: URLSearchParams, now: Date) {
  const today = localDateOf(now);
  const asked = params.get("period");
  const period: TDashboardPeriod = dashboardPeriods.includes(asked as TDashboardPeriod)
    ? (asked as TDashboardPeriod)
    : "year";
  let from = period === "month" ? `${today.slice(0, 7)}-01` : `${today.slice(0, 4)}-01-01`;
  let to = today;
  if (period === "custom") {
    const customFrom = params.get("from") ?? "";
    const customTo = params.get("to") ?? "";
    if (DAY.test(customFrom)) from = customFrom;
    if (DAY.test(customTo)) to = customTo;
  }
  return {
    period,
    input: {
      from,
      to,
      townshipId: params.get("township") || undefined,
      stationId: params.get("station") || undefined,
    },
  };
}
