import { exportConsultationSummary } from "@rdlink/core/consultations/consultation-summary";
import { loadOr404 } from "~/lib/actions.server";
import { countyRequest } from "~/lib/county-route.server";
import type { Route } from "./+types/consultation-summary-xlsx";

/** 意见汇总表 as .xlsx: a row per distinct comment, article by article. */
export async function loader(args: Route.LoaderArgs) {
  const county = countyRequest(args, "tenant.consultations.manage");
  const { title, bytes } = await loadOr404(() =>
    county.inTenant((tx, ctx) => exportConsultationSummary(tx, ctx.actor, args.params.consultationId, ctx.clock.now())),
  );
  const filename = `${title}意见汇总表.xlsx`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
