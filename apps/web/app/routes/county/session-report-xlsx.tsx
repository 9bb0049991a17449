import { exportSessionReport } from "@rdlink/core/suggestions/session-report";
import { loadOr404 } from "~/lib/actions.server";
import { countyRequest } from "~/lib/county-route.server";
import type { Route } from "./+types/session-report-xlsx";

/** 会议建议办理情况 as .xlsx: the session's figures and the units' league table. */
export async function loader(args: Route.LoaderArgs) {
  const county = countyRequest(args, "tenant.sessions.manage");
  const { session, bytes } = await loadOr404(() =>
    county.inTenant((tx, ctx) => exportSessionReport(tx, ctx, args.params.sessionId)),
  );
  const filename = `${session.name}建议办理情况.xlsx`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "no-store",
    },
  });
}
