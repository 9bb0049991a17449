import QRCode from "qrcode";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MAX_STATION_URL_LENGTH, stationQrPng, stationQrSvg } from "./station-qr.ts";

const URL_A = "https://rdlink.example.cn/s/3f2a9c/intake";
const URL_B = "https://rdlink.example.cn/s/77b01e/intake";
const MARGIN = 2;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The module matrix qrcode computes for `url` at level M: what a scanner must read back. */
function expectedModules(url: string): boolean[][] {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
  return Array.from({ length: modules.size }, (_, y) =>
    Array.from({ length: modules.size }, (_, x) => modules.data[y * modules.size + x] === 1),
  );
}

/** Reads the dark modules back out of a rendered PNG by sampling each module's centre. */
async function modulesFromPng(png: Uint8Array, moduleCount: number): Promise<boolean[][]> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const scale = info.width / (moduleCount + MARGIN * 2);
  return Array.from({ length: moduleCount }, (_, y) =>
    Array.from({ length: moduleCount }, (_, x) => {
      const px = Math.floor((x + MARGIN + 0.5) * scale);
      const py = Math.floor((y + MARGIN + 0.5) * scale);
      return (data[(py * info.width + px) * info.channels] ?? 255) < 128;
    }),
  );
}

/** Reads the dark modules back out of qrcode's SVG path ("M x y", "m dx dy", "h n" runs). */
function modulesFromSvg(svg: string, moduleCount: number): boolean[][] {
  const grid = Array.from({ length: moduleCount }, () => Array<boolean>(moduleCount).fill(false));
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? "";
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === "M") [x, y] = [n, Number(b)];
    else if (cmd === "m") [x, y] = [x + n, y + Number(b)];
    else {
      for (let i = 0; i < n; i++) {
        const row = grid[Math.floor(y) - MARGIN];
        if (row) row[x + i - MARGIN] = true;
      }
      x += n;
    }
  }
  return grid;
}

describe("stationQrPng", () => {
  it("renders a 1024 px PNG by default that encodes the URL", async () => {
    const png = await stationQrPng(URL_A);
    expect(png).toBeInstanceOf(Uint8Array);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBe(1024);
    expect(meta.height).toBe(1024);
    const expected = expectedModules(URL_A);
    expect(await modulesFromPng(png, expected.length)).toEqual(expected);
  });

  it("honours the size option and refuses silly sizes", async () => {
    const png = await stationQrPng(URL_A, { size: 300 });
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([300, 300]);
    await expect(stationQrPng(URL_A, { size: 10 })).rejects.toBeInstanceOf(RangeError);
    await expect(stationQrPng(URL_A, { size: 100_000 })).rejects.toBeInstanceOf(RangeError);
    await expect(stationQrPng(URL_A, { size: 512.5 })).rejects.toBeInstanceOf(RangeError);
  });
});

describe("stationQrSvg", () => {
  it("returns a standalone SVG document that encodes the URL", async () => {
    const svg = await stationQrSvg(URL_A);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg.toLowerCase()).not.toContain("<script");
    const expected = expectedModules(URL_A);
    const side = expected.length + MARGIN * 2;
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}"`);
    expect(modulesFromSvg(svg, expected.length)).toEqual(expected);
  });

  it("is deterministic per URL and differs between URLs", async () => {
    const [a1, a2, b] = await Promise.all([stationQrSvg(URL_A), stationQrSvg(URL_A), stationQrSvg(URL_B)]);
    expect(a1).toBe(a2);
    expect(b).not.toBe(a1);
    expect(modulesFromSvg(b, expectedModules(URL_B).length)).toEqual(expectedModules(URL_B));
  });

  it("encodes non-ASCII URLs", async () => {
    const url = "https://rdlink.example.cn/s/城关镇联络站";
    const expected = expectedModules(url);
    expect(modulesFromSvg(await stationQrSvg(url), expected.length)).toEqual(expected);
  });
});

describe("URL checks", () => {
  const bad = [
    "",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.cn/x",
    "file:///etc/passwd",
    "/relative/path",
    "example.cn/intake",
    " https://example.cn/padded",
    "https://example.cn/a b",
    "https://example.cn/line\nbreak",
    `https://example.cn/${"a".repeat(MAX_STATION_URL_LENGTH)}`,
  ];

  it.each(bad)("refuses %j", async (url) => {
    await expect(stationQrPng(url)).rejects.toBeInstanceOf(RangeError);
    await expect(stationQrSvg(url)).rejects.toBeInstanceOf(RangeError);
  });

  it("accepts http and a URL of exactly the maximum length", async () => {
    const prefix = "http://example.cn/";
    const url = prefix + "a".repeat(MAX_STATION_URL_LENGTH - prefix.length);
    expect(url).toHaveLength(MAX_STATION_URL_LENGTH);
    await expect(stationQrSvg(url)).resolves.toContain("<svg");
  });
});
