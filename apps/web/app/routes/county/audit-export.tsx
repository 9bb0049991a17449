import { exportAuditLog } from "@rdlink/core/audit/export-audit-log";
import { countyLoader } from "~/lib/county-route.server";
import { auditQuery } from "~/lib/list-queries";
import { xlsxResponse } from "~/lib/xlsx-response.server";
import type { Route } from "./+types/audit-export";

/** The audit log (same filter as the page) as .xlsx, every page of it. */
export function loader(args: Route.LoaderArgs) {
  const query = auditQuery(new URL(args.request.url).searchParams);
  return countyLoader(args, async (tx, ctx) => xlsxResponse(await exportAuditLog(tx, ctx, query), "审计日志.xlsx"));
}
