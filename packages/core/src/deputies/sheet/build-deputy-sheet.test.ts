import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildDeputySheet, DEPUTY_SHEET_NAME, type TDeputySheetRow } from "./build-deputy-sheet";
import { parseDeputySheet } from "./parse-deputy-sheet";
import { HEADER, rawDeputies, rawRow, townships, xlsxOf } from "./testing";

async function readSheet(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer);
  return workbook.worksheets[0]!;
}

const tricky: TDeputySheetRow = {
  name: "王伟",
  level: "county",
  term: "=1+1",
  constituency: "+8613812345678",
  township: "城关镇",
  stationNames: ["@SUM(A1)", "城关镇代表联络站"],
  sector: "-x",
  tags: ['=HYPERLINK("http://evil")', "教育"],
  phone: "13812345678",
  gender: "男",
};

describe("buildDeputySheet", () => {
  it("round-trips 2,000 deputies through parseDeputySheet with revealPhones", async () => {
    const source = await xlsxOf([HEADER, ...rawDeputies(2000).map(rawRow)]);
    const parsed = await parseDeputySheet({ name: "in.xlsx", bytes: source }, { townships });
    expect(parsed.errors).toEqual([]);

    const exported = await buildDeputySheet(parsed.rows, { revealPhones: true });
    const again = await parseDeputySheet({ name: "out.xlsx", bytes: exported }, { townships });

    expect(again.errors).toEqual([]);
    expect(again.rows).toEqual(parsed.rows);
  });

  it("round-trips text that looks like a formula", async () => {
    const exported = await buildDeputySheet([tricky], { revealPhones: true });
    const { rows, errors } = await parseDeputySheet({ name: "out.xlsx", bytes: exported }, { townships });
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ ...tricky, row: 2, townshipId: "t-chengguan" }]);
  });

  it("writes Chinese headers and levels, a frozen header row and column widths", async () => {
    const deputies = (["national", "provincial", "municipal", "county", "township"] as const).map((level, i) => ({
      name: `代表${i}`,
      level,
      township: "南山乡",
    }));
    const sheet = await readSheet(await buildDeputySheet(deputies));

    expect(sheet.name).toBe(DEPUTY_SHEET_NAME);
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADER]);
    expect([2, 3, 4, 5, 6].map((r) => sheet.getCell(r, 2).value)).toEqual(["全国", "省", "市", "县", "乡"]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    for (const column of sheet.columns) expect(column.width).toBeGreaterThanOrEqual(8);
  });

  it("neutralises every text cell a spreadsheet could run as a formula", async () => {
    const sheet = await readSheet(await buildDeputySheet([{ ...tricky, name: " =cmd|' /C calc'!A0" }]));
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe("' =cmd|' /C calc'!A0");
    expect(row.getCell(3).value).toBe("'=1+1");
    expect(row.getCell(4).value).toBe("'+8613812345678");
    expect(row.getCell(6).value).toBe("'@SUM(A1)、城关镇代表联络站");
    expect(row.getCell(7).value).toBe("'-x");
    expect(row.getCell(8).value).toBe('\'=HYPERLINK("http://evil")、教育');
    row.eachCell((cell) => {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    });
  });

  it("masks phone numbers unless revealPhones", async () => {
    const deputies: TDeputySheetRow[] = [
      { name: "王伟", level: "county", township: "城关镇", phone: "13812345678" },
      { name: "李娜", level: "county", township: "城关镇", phone: "0571-87654321" },
      { name: "张强", level: "county", township: "城关镇", phone: null },
    ];
    const masked = await readSheet(await buildDeputySheet(deputies));
    expect([2, 3, 4].map((r) => masked.getCell(r, 9).value)).toEqual(["138****5678", "0571-****4321", null]);

    const revealed = await readSheet(await buildDeputySheet(deputies, { revealPhones: true }));
    expect([2, 3].map((r) => revealed.getCell(r, 9).value)).toEqual(["13812345678", "0571-87654321"]);
  });
});
