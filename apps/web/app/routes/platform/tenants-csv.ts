import { listCountyHealth } from "@rdlink/core/tenants/list-county-health";
import { countyHealthQuery } from "~/lib/county-health";
import { type CsvCell, csvResponse } from "~/lib/csv-response.server";
import { COUNTY_TIME_ZONE } from "~/lib/dates";
import { getInstance } from "~/lib/i18n.server";
import { platformLoader } from "~/lib/platform-route.server";
import type { Route } from "./+types/tenants-csv";

/** "2026-06-10 10:00" in Asia/Shanghai: a form Excel reads as a date and time. */
const inCountyTime = (at: Date | null) =>
  at
    ? new Intl.DateTimeFormat("sv-SE", {
        timeZone: COUNTY_TIME_ZONE,
        dateStyle: "short",
        timeStyle: "short",
      }).format(at)
    : null;

/**
 * 导出 CSV: the tenant list's rows (same search, same order) with every figure, Chinese headers
 * and the storage in bytes, for Excel. A bad sort or search is a 400, like the page.
 */
export function loader(args: Route.LoaderArgs) {
  const query = countyHealthQuery(new URL(args.request.url).searchParams);
  const { t } = getInstance(args.context);
  return platformLoader(args, async (platform) => {
    const { rows } = await platform.outsideTenants((tx, ctx) => listCountyHealth(tx, ctx, query));
    const header = [
      t("countyHealth.columns.name"),
      t("platform.code"),
      t("platform.region"),
      t("common.status"),
      t("countyHealth.columns.activeUsers"),
      t("countyHealth.columns.casesOpened"),
      t("countyHealth.columns.casesClosed"),
      t("countyHealth.columns.overdueCases"),
      t("countyHealth.columns.outboxFailed"),
      t("countyHealth.columns.storageBytes"),
      t("countyHealth.columns.lastSignIn"),
      t("countyHealth.columns.lastActivity"),
      t("countyHealth.columns.inactive"),
      t("templates.templateSet"),
      t("templates.pendingUpgrade"),
      t("platform.createdAt"),
    ];
    const records: CsvCell[][] = rows.map((row) => [
      row.name,
      row.divisionCode,
      `${row.provinceName} ${row.cityName}`,
      row.status === "active" ? t("common.active") : t("platform.suspended"),
      row.activeUsers,
      row.casesOpened,
      row.casesClosed,
      row.overdueCases,
      row.outboxFailed,
      row.storageBytes,
      inCountyTime(row.lastSignInAt),
      inCountyTime(row.lastActivityAt),
      row.inactive ? t("common.yes") : t("common.no"),
      row.templateSet
        ? `${row.templateSet.name} ${t("templates.versionLabel", { version: row.templateSet.version })}`
        : null,
      row.upgradeTo === null ? null : t("templates.versionLabel", { version: row.upgradeTo }),
      inCountyTime(row.createdAt),
    ]);
    const day = inCountyTime(platform.ctx.clock.now())!.slice(0, 10);
    return csvResponse([header, ...records], `${t("countyHealth.csvFile")}_${day}.csv`);
  });
}
