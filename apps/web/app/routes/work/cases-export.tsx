import { exportCases } from "@rdlink/core/cases/export-cases";
import { countyLoader } from "~/lib/county-route.server";
import { xlsxResponse } from "~/lib/xlsx-response.server";
import type { Route } from "./+types/cases-export";

/** The workbench's list (same view, filters and sort as the page) as .xlsx, every page of it. */
export function loader(args: Route.LoaderArgs) {
  const query = Object.fromEntries(new URL(args.request.url).searchParams);
  return countyLoader(args, async (tx, ctx) => xlsxResponse(await exportCases(tx, ctx, query), "案件列表.xlsx"));
}
