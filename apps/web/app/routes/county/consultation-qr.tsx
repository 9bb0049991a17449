import { loadConsultationInScope } from "@rdlink/core/consultations/consultation-scope";
import { stationQrPng } from "@rdlink/core/stations/qr/index";
import { loadOr404 } from "~/lib/actions.server";
import { countyRequest } from "~/lib/county-route.server";
import type { Route } from "./+types/consultation-qr";

/** The consultation's QR code (PNG): its public comment page, for posters and WeChat groups. */
export async function loader(args: Route.LoaderArgs) {
  const county = countyRequest(args, "tenant.consultations.manage");
  const consultation = await loadOr404(() =>
    county.inTenant((tx, ctx) => loadConsultationInScope(tx, ctx.actor, args.params.consultationId)),
  );
  const url = new URL(`/c/${consultation.publicCode}`, args.request.url).toString();
  return new Response(new Uint8Array(await stationQrPng(url)), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(`${consultation.title}-二维码.png`)}`,
      "Cache-Control": "private, max-age=300",
    },
  });
}
