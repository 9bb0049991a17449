import { assertStationUrl } from "./station-qr.ts";

export interface StationPosterArgs {
  stationName: string;
  /** Shown under the name, e.g. "人大代表联络站". */
  stationType: string;
  township: string;
  address?: string;
  receptionSchedule?: string;
  /** 示范站 titles, already worded: "2026年度 县级示范站". */
  titles?: string[];
  intakeUrl: string;
  /** From stationQrSvg(intakeUrl); embedded as-is after a safety check. */
  qrSvg: string;
  /** Already in the reader's language (the caller resolves i18n keys). */
  texts: { headline: string; howTo: string[]; footer: string };
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Returns the SVG ready to inline in HTML (XML declaration and comments dropped),
 * or throws a TypeError when it is not plainly an SVG image: anything scriptable
 * or pulling in outside resources is refused, not cleaned.
 */
export function inlineableSvg(svg: string): string {
  const trimmed = svg.trim();
  if (!trimmed.startsWith("<svg") && !trimmed.startsWith("<?xml")) {
    throw new TypeError("QR image is not an SVG document");
  }
  const lower = trimmed.toLowerCase();
  if (
    lower.includes("<script") ||
    lower.includes("<foreignobject") ||
    lower.includes("javascript:") ||
    /\son[a-z]+\s*=/.test(lower) ||
    /(?:href|src)\s*=\s*["']?\s*(?:https?:|\/\/)/.test(lower)
  ) {
    throw new TypeError("QR image contains script or external content");
  }
  const body = trimmed.replace(/^<\?xml[^>]*\?>\s*/, "").replace(/<!--[\s\S]*?-->/g, "");
  if (!body.startsWith("<svg") || !body.endsWith("</svg>")) {
    throw new TypeError("QR image is not a single SVG element");
  }
  return body;
}

const FONT_STACK = `"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif`;

const STYLE = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body {
  font-family: ${FONT_STACK};
  color: #111;
  background: #f2f2f2;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.sheet {
  width: 180mm;
  height: 267mm;
  margin: 10mm auto;
  padding: 8mm 10mm;
  background: #fff;
  border-top: 4mm solid #b71c1c;
  display: flex;
  flex-direction: column;
  align-items: center;
  text-align: center;
  overflow: hidden;
  break-inside: avoid;
  page-break-inside: avoid;
  overflow-wrap: anywhere;
}
.headline { margin: 2mm 0 0; font-size: 15pt; font-weight: 700; color: #b71c1c; letter-spacing: 0.1em; }
.name { margin: 3mm 0 0; font-size: 30pt; line-height: 1.2; font-weight: 800; }
.type { margin: 1.5mm 0 0; font-size: 14pt; font-weight: 600; }
.title { margin: 2mm 0 0; padding: 1mm 4mm; font-size: 13pt; font-weight: 700; color: #fff; background: #b71c1c; border-radius: 1.5mm; }
.place { margin: 1.5mm 0 0; font-size: 11pt; color: #333; }
.qr { width: 110mm; height: 110mm; margin: 5mm 0 3mm; flex: none; }
.qr svg { display: block; width: 100%; height: 100%; }
.steps {
  margin: 2mm 0 0;
  padding: 0 0 0 8mm;
  width: 140mm;
  text-align: left;
  font-size: 12.5pt;
  line-height: 1.5;
}
.steps li { margin: 0.8mm 0; }
.url { margin: 3mm 0 0; font-size: 8.5pt; color: #444; font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
.footer { margin-top: auto; padding-top: 3mm; width: 100%; border-top: 0.3mm solid #ccc; font-size: 9.5pt; color: #555; }
@media print {
  body { background: none; }
  .sheet { margin: 0; box-shadow: none; }
}
@media screen {
  .sheet { box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.2); }
}
`;

/**
 * A self-contained HTML page (no outside fonts, styles or scripts, so it prints
 * offline) that prints the station's QR poster on one A4 sheet.
 */
export function stationPosterHtml(args: StationPosterArgs): string {
  assertStationUrl(args.intakeUrl);
  const svg = inlineableSvg(args.qrSvg);
  const e = escapeHtml;
  const place = [args.township, args.address].filter((p): p is string => Boolean(p?.trim()));
  const steps = args.texts.howTo.filter((s) => s.trim() !== "");
  const lines = [
    "<!DOCTYPE html>",
    '<html lang="zh-CN">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(args.stationName)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    '<main class="sheet">',
    `<p class="headline">${e(args.texts.headline)}</p>`,
    `<h1 class="name">${e(args.stationName)}</h1>`,
    `<p class="type">${e(args.stationType)}</p>`,
    ...(args.titles ?? []).map((title) => `<p class="title">${e(title)}</p>`),
    place.length > 0 ? `<p class="place">${place.map(e).join(" · ")}</p>` : "",
    args.receptionSchedule?.trim() ? `<p class="place schedule">${e(args.receptionSchedule)}</p>` : "",
    `<div class="qr" role="img" aria-label="${e(args.intakeUrl)}">${svg}</div>`,
    steps.length > 0 ? `<ol class="steps">${steps.map((s) => `<li>${e(s)}</li>`).join("")}</ol>` : "",
    `<p class="url">${e(args.intakeUrl)}</p>`,
    `<footer class="footer">${e(args.texts.footer)}</footer>`,
    "</main>",
    "</body>",
    "</html>",
  ];
  return `${lines.filter((l) => l !== "").join("\n")}\n`;
}
