import { exportDeputies } from "@rdlink/core/deputies/export-deputies";
import { getDatabase } from "@rdlink/db";
import { loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import type { Route } from "./+types/deputies-export";

/** The directory as .xlsx (phones masked: a full export is a deliberate, audited act for later). */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const bytes = await loadOr404(() => getDatabase().withTenant(tenantId, (tx) => exportDeputies(tx, ctx)));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent("人大代表名册.xlsx")}`,
      "Cache-Control": "no-store",
    },
  });
}
