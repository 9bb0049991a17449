import { exportCountyFigures } from "@rdlink/core/stats/export-county-figures";
import { getDatabase } from "@rdlink/db";
import { loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { dashboardQuery } from "~/lib/dashboard-period";
import type { Route } from "./+types/dashboard-export";

/** The dashboard's figures (same period and township as the page) as .xlsx. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const { input } = dashboardQuery(new URL(request.url).searchParams, ctx.clock.now());
  const bytes = await loadOr404(() => getDatabase().withTenant(tenantId, (tx) => exportCountyFigures(tx, ctx, input)));
  const filename = `统计报表_${input.from}_${input.to}.xlsx`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
