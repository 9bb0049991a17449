import { exportDeputyRecords } from "@rdlink/core/deputy-records/export-deputy-records";
import { countyLoader } from "~/lib/county-route.server";
import { xlsxResponse } from "~/lib/xlsx-response.server";
import type { Route } from "./+types/deputy-records-export";

/** The year's 履职档案 table (same year, township and order as the page) as .xlsx. */
export function loader(args: Route.LoaderArgs) {
  const input = Object.fromEntries(new URL(args.request.url).searchParams);
  return countyLoader(args, async (tx, ctx) => {
    const { year, bytes } = await exportDeputyRecords(tx, ctx, input);
    return xlsxResponse(bytes, `代表履职档案_${year}.xlsx`);
  });
}
