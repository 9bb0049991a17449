import ExcelJS from "exceljs";
import { deputyLevelNames, deputyLevels, type TDeputyLevel } from "./deputy-row";

/** Test fixtures for the deputy sheet: a county's townships and generated directories. */

export const townships = [
  { id: "t-chengguan", name: "城关镇" },
  { id: "t-dongcheng", name: "东城街道" },
  { id: "t-nanshan", name: "南山乡" },
  { id: "t-xingang", name: "新港经济开发区" },
];

export const HEADER = [
  "姓名",
  "代表层级",
  "届次",
  "选区",
  "所属乡镇",
  "进站联络站",
  "行业",
  "专长标签",
  "联系电话",
  "性别",
];

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅";

/** A unique, plausible name for the i-th deputy. */
export function deputyName(i: number): string {
  const surname = SURNAMES[i % SURNAMES.length]!;
  const first = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const second = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length]!;
  return `${surname}${first}${second}`;
}

export type TRawDeputy = {
  name: string;
  level: string;
  term: string;
  constituency: string;
  township: string;
  stations: string;
  sector: string;
  tags: string;
  phone: string | number;
  gender: string;
};

/** The sheet cells of n valid deputies, varied across levels, townships and optional fields. */
export function rawDeputies(n: number): TRawDeputy[] {
  return Array.from({ length: n }, (_, i) => {
    const level: TDeputyLevel = deputyLevels[i % deputyLevels.length]!;
    const township = townships[i % townships.length]!;
    return {
      name: deputyName(i),
      level: i % 7 === 0 ? `${deputyLevelNames[level]}人大代表` : deputyLevelNames[level],
      term: i % 3 === 0 ? "" : "第十八届",
      constituency: `第${(i % 40) + 1}选区`,
      township: township.name,
      stations: i % 5 === 0 ? "" : `${township.name}代表联络站${i % 4 === 0 ? "、人大代表之家" : ""}`,
      sector: ["农业", "教育", "医疗卫生", "制造业", ""][i % 5]!,
      tags: i % 2 === 0 ? "乡村振兴，基层治理" : "",
      phone:
        i % 6 === 0
          ? ""
          : i % 6 === 1
            ? 13800000000 + i
            : i % 6 === 2
              ? `0571-8${String(i).padStart(7, "0")}`
              : `139${String(i).padStart(8, "0")}`,
      gender: i % 4 === 3 ? "" : i % 2 === 0 ? "男" : "女",
    };
  });
}

export function rawRow(d: TRawDeputy): (string | number)[] {
  return [d.name, d.level, d.term, d.constituency, d.township, d.stations, d.sector, d.tags, d.phone, d.gender];
}

/** An .xlsx whose first worksheet holds these rows from row 1 (null: an empty cell). */
export async function xlsxOf(
  rows: readonly (readonly ExcelJS.CellValue[])[],
  sheetName = "Sheet1",
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheetName);
  rows.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value !== null && value !== undefined && value !== "") worksheet.getCell(r + 1, c + 1).value = value;
    });
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** RFC 4180 text: fields quoted when they hold a comma, quote or line break. */
export function csvOf(rows: readonly (readonly (string | number)[])[], lineBreak = "\r\n"): string {
  const quote = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return rows.map((cells) => cells.map(quote).join(",")).join(lineBreak) + lineBreak;
}

let gbTable: Map<string, number[]> | undefined;

/**
 * GB18030 bytes of text in ASCII and the two-byte range (all of common Chinese), from a
 * table built by decoding every two-byte code: TextEncoder writes only UTF-8.
 */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (char.length === 1 && char !== "\ufffd" && !gbTable.has(char)) gbTable.set(char, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbTable.get(char);
      if (!pair) throw new Error(`no two-byte GB18030 code for ${char}`);
      bytes.push(...pair);
    }
  }
  return Uint8Array.from(bytes);
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
