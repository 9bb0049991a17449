import { exportActivities } from "@rdlink/core/activities/export-activities";
import { countyLoader } from "~/lib/county-route.server";
import { ledgerFilters } from "~/lib/list-queries";
import { xlsxResponse } from "~/lib/xlsx-response.server";
import type { Route } from "./+types/ledger-export";

/** The ledger (same filters and period as the page) as .xlsx, every page of it. */
export function loader(args: Route.LoaderArgs) {
  const filters = ledgerFilters(new URL(args.request.url).searchParams);
  return countyLoader(args, async (tx, ctx) => {
    const { period, bytes } = await exportActivities(tx, ctx, filters);
    return xlsxResponse(bytes, `履职台账_${period.from}_${period.to}.xlsx`);
  });
}
