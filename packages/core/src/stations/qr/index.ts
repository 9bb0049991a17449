export { escapeHtml, inlineableSvg, type StationPosterArgs, stationPosterHtml } from "./station-poster.ts";
export {
  assertStationUrl,
  DEFAULT_QR_PNG_SIZE,
  MAX_QR_PNG_SIZE,
  MAX_STATION_URL_LENGTH,
  MIN_QR_PNG_SIZE,
  stationQrPng,
  stationQrSvg,
} from "./station-qr.ts";
