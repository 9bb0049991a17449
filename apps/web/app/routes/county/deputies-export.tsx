import { exportDeputies } from "@rdlink/core/deputies/export-deputies";
import { buildDeputySheet } from "@rdlink/core/deputies/sheet/index";
import { loadOr404 } from "~/lib/actions.server";
import { countyRequest } from "~/lib/county-route.server";
import type { Route } from "./+types/deputies-export";

/**
 * The directory as .xlsx, phones masked; `?phones=full` gives the full numbers to those
 * who may reveal them (an audited export), and stays masked for anyone else.
 */
export async function loader(args: Route.LoaderArgs) {
  const county = countyRequest(args);
  const params = new URL(args.request.url).searchParams;
  const revealPhones = params.get("phones") === "full";
  // ?template=1: the import's columns and nothing else, to fill in.
  const bytes =
    params.get("template") === "1"
      ? await buildDeputySheet([])
      : await loadOr404(() => county.inTenant((tx, ctx) => exportDeputies(tx, ctx, { revealPhones })));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(params.get("template") === "1" ? "人大代表名册模板.xlsx" : "人大代表名册.xlsx")}`,
      "Cache-Control": "no-store",
    },
  });
}
