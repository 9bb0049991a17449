import { exportCountyFigures } from "@rdlink/core/stats/export-county-figures";
import { loadOr404 } from "~/lib/actions.server";
import { countyRequest } from "~/lib/county-route.server";
import { dashboardQuery } from "~/lib/dashboard-period";
import type { Route } from "./+types/dashboard-export";

/** The dashboard's figures (same period and township as the page) as .xlsx. */
export async function loader(args: Route.LoaderArgs) {
  const county = countyRequest(args);
  const { input } = dashboardQuery(new URL(county.request.url).searchParams, county.ctx.clock.now());
  const bytes = await loadOr404(() => county.inTenant((tx, ctx) => exportCountyFigures(tx, ctx, input)));
  const filename = `统计报表_${input.from}_${input.to}.xlsx`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
