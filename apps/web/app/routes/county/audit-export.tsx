import { exportAuditLog } from "@rdlink/core/audit/export-audit-log";
import { auditDetailText } from "~/lib/audit-detail";
import { countyLoader } from "~/lib/county-route.server";
import { getInstance } from "~/lib/i18n.server";
import { auditQuery } from "~/lib/list-queries";
import { xlsxResponse } from "~/lib/xlsx-response.server";
import type { Route } from "./+types/audit-export";

/** The audit log (same filter as the page) as .xlsx, every page of it. */
export function loader(args: Route.LoaderArgs) {
  const query = auditQuery(new URL(args.request.url).searchParams);
  const { t } = getInstance(args.context);
  return countyLoader(args, async (tx, ctx) =>
    xlsxResponse(await exportAuditLog(tx, ctx, query, (detail) => auditDetailText(t, detail)), "审计日志.xlsx"),
  );
}
