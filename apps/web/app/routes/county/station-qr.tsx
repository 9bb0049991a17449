import { stationTitles } from "@rdlink/core/station-reviews/station-titles";
import { getStation } from "@rdlink/core/stations/get-station";
import { stationPosterHtml, stationQrPng, stationQrSvg } from "@rdlink/core/stations/qr/index";
import { loadOr404 } from "~/lib/actions.server";
import { notFound } from "~/lib/auth.server";
import { countyRequest } from "~/lib/county-route.server";
import { getInstance } from "~/lib/i18n.server";
import { intakeUrl } from "~/lib/station-urls";
import type { Route } from "./+types/station-qr";

/** A station's QR code as PNG or SVG (downloads), or its printable A4 poster. */
export async function loader(args: Route.LoaderArgs) {
  const { request, params, context } = args;
  const county = countyRequest(args);
  const { station, typeName, townshipName, titles } = await loadOr404(() =>
    county.inTenant(async (tx, ctx) => {
      const page = await getStation(tx, ctx, params.stationId);
      return { ...page, titles: await stationTitles(tx, page.station.id) };
    }),
  );
  const url = intakeUrl(request, county.tenant.divisionCode, station.code);
  const file = `${station.name}-二维码`;
  const disposition = (ext: string) => `attachment; filename*=UTF-8''${encodeURIComponent(`${file}.${ext}`)}`;
  switch (params.format) {
    case "png":
      return new Response(new Uint8Array(await stationQrPng(url)), {
        headers: {
          "Content-Type": "image/png",
          "Content-Disposition": disposition("png"),
          "Cache-Control": "private, max-age=300",
        },
      });
    case "svg":
      return new Response(await stationQrSvg(url), {
        headers: {
          "Content-Type": "image/svg+xml",
          "Content-Disposition": disposition("svg"),
          "Cache-Control": "private, max-age=300",
        },
      });
    case "poster": {
      const t = getInstance(context).t;
      const html = stationPosterHtml({
        stationName: station.name,
        stationType: typeName,
        township: townshipName,
        address: station.address ?? undefined,
        receptionSchedule: station.receptionSchedule ?? undefined,
        titles: titles.map(({ year, level }) =>
          t("stationReviews.titleOf", { year, level: t(`stationReviews.level.${level}`) }),
        ),
        intakeUrl: url,
        qrSvg: await stationQrSvg(url),
        texts: {
          headline: t("stations.posterHeadline"),
          howTo: t("stations.posterSteps").split(","),
          footer: t("stations.posterFooter"),
        },
      });
      return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    default:
      throw notFound();
  }
}
