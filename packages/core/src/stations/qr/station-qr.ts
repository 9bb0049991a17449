import QRCode from "qrcode";

/** Longest URL a station QR code may carry: longer ones make dense codes that scan badly off a wall. */
export const MAX_STATION_URL_LENGTH = 512;
/** Default PNG edge in pixels: sharp enough for an A4 print at ~110 mm. */
export const DEFAULT_QR_PNG_SIZE = 1024;
export const MIN_QR_PNG_SIZE = 128;
export const MAX_QR_PNG_SIZE = 4096;

/** Error correction "M" (~15 %) survives scuffs and glare on a printed poster without making the code dense. */
const QR_OPTIONS = { errorCorrectionLevel: "M", margin: 2 } as const;

/**
 * Throws a RangeError unless `url` is an absolute http(s) URL of at most
 * MAX_STATION_URL_LENGTH characters: what goes on a wall must open a web page,
 * never a `javascript:` or `data:` payload.
 */
export function assertStationUrl(url: string): void {
  if (typeof url !== "string" || url.length === 0) {
    throw new RangeError("station QR URL is empty");
  }
  if (url.length > MAX_STATION_URL_LENGTH) {
    throw new RangeError(`station QR URL is longer than ${MAX_STATION_URL_LENGTH} characters`);
  }
  if (/\s/.test(url) || [...url].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw new RangeError("station QR URL contains whitespace or control characters");
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError("station QR URL is not an absolute URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new RangeError("station QR URL must use http or https");
  }
  if (parsed.hostname === "") {
    throw new RangeError("station QR URL has no host");
  }
}

/** The QR code for `url` as a square PNG, `size` pixels wide (default 1024). */
export async function stationQrPng(url: string, options: { size?: number } = {}): Promise<Uint8Array> {
  assertStationUrl(url);
  const size = options.size ?? DEFAULT_QR_PNG_SIZE;
  if (!Number.isInteger(size) || size < MIN_QR_PNG_SIZE || size > MAX_QR_PNG_SIZE) {
    throw new RangeError(`QR PNG size must be an integer between ${MIN_QR_PNG_SIZE} and ${MAX_QR_PNG_SIZE}`);
  }
  const png = await QRCode.toBuffer(url, { ...QR_OPTIONS, type: "png", width: size });
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * The QR code for `url` as a standalone SVG document (XML declaration included),
 * scalable to any print size; embed it in HTML with the declaration stripped.
 */
export async function stationQrSvg(url: string): Promise<string> {
  assertStationUrl(url);
  const svg = await QRCode.toString(url, { ...QR_OPTIONS, type: "svg" });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.trim()}\n`;
}
