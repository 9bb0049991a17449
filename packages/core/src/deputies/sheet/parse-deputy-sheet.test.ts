import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { MAX_DEPUTY_ROWS, parseDeputySheet, SheetFormatError } from "./parse-deputy-sheet";
import { csvOf, encodeGb18030, HEADER, rawDeputies, rawRow, townships, utf8, xlsxOf } from "./testing";

const options = { townships };

describe("parseDeputySheet: a 2,000-row .xlsx", () => {
  const deputies = rawDeputies(2000);

  it("reports exactly the three bad rows, by spreadsheet row and field", async () => {
    const bad = deputies.map(rawRow);
    bad[99]![0] = ""; // row 101: no name
    bad[999]![1] = "村级"; // row 1001: not a level
    bad[1998]![4] = "火星乡"; // row 2000: not a township of this county
    const bytes = await xlsxOf([HEADER, ...bad]);

    const { rows, errors } = await parseDeputySheet({ name: "代表名册.xlsx", bytes }, options);

    expect(errors).toEqual([
      { row: 101, field: "name", message: "validation.required" },
      { row: 1001, field: "level", message: "validation.deputyLevel" },
      { row: 2000, field: "township", message: "validation.unknownTownship" },
    ]);
    expect(rows).toHaveLength(1997);
  });

  it("parses the fixed file to 2,000 rows with township ids", async () => {
    const bytes = await xlsxOf([HEADER, ...deputies.map(rawRow)]);

    const { rows, errors } = await parseDeputySheet({ name: "代表名册.XLSX", bytes }, options);

    expect(errors).toEqual([]);
    expect(rows).toHaveLength(2000);
    expect(rows[0]).toEqual({
      row: 2,
      name: "王伟伟",
      level: "national",
      term: undefined,
      constituency: "第1选区",
      township: "城关镇",
      townshipId: "t-chengguan",
      stationNames: [],
      sector: "农业",
      tags: ["乡村振兴", "基层治理"],
      phone: undefined,
      gender: "男",
    });
    // A phone typed as a number, a landline, two stations.
    expect(rows[1]).toMatchObject({ row: 3, phone: "13800000001", level: "provincial", township: "东城街道" });
    expect(rows[2]).toMatchObject({ phone: "0571-80000002" });
    expect(rows[4]).toMatchObject({ stationNames: ["城关镇代表联络站", "人大代表之家"] });
    expect(rows[7]).toMatchObject({ level: "municipal" }); // "市人大代表"
    expect(rows.at(-1)).toMatchObject({ row: 2001, townshipId: "t-xingang" });
  });
});

describe("parseDeputySheet: .xlsx cells and layout", () => {
  it("reads rich text, numbers, formula results and hyperlinks; skips blank rows; keeps row numbers", async () => {
    const bytes = await xlsxOf([
      ["XX县人大代表名册"], // a title row above the header
      ["性别", "姓名", "备注", "所属乡镇（街道）", "层级", "手机"], // any order; 备注 is ignored
      ["男", { richText: [{ text: "王" }, { text: "伟", font: { bold: true } }] }, "x", "城关镇", "县", 13812345678],
      [],
      [null, null, null, null, null, null],
      [
        "女",
        "李娜",
        "",
        { formula: '"南山"&"乡"', result: "南山乡" },
        { formula: '"乡"', result: "乡" },
        "139 0000 1111",
      ],
      ["", { text: "张强", hyperlink: "https://example.org" }, "", "东城街道", "全国人大代表", ""],
    ]);

    const { rows, errors } = await parseDeputySheet({ name: "a.xlsx", bytes }, options);

    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, r.name, r.level, r.townshipId, r.phone, r.gender])).toEqual([
      [3, "王伟", "county", "t-chengguan", "13812345678", "男"],
      [6, "李娜", "township", "t-nanshan", "13900001111", "女"],
      [7, "张强", "national", "t-dongcheng", undefined, undefined],
    ]);
  });

  it("gives every row of a vertically merged township cell its value", async () => {
    const workbook = new ExcelJS.Workbook();
    const worksheet = workbook.addWorksheet("名册");
    worksheet.addRow(["所属乡镇", "姓名", "层级"]);
    worksheet.addRow(["城关镇", "王伟", "县"]);
    worksheet.addRow([null, "李娜", "县"]);
    worksheet.addRow([null, "张强", "乡"]);
    worksheet.mergeCells("A2:A4");
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const { rows, errors } = await parseDeputySheet({ name: "a.xlsx", bytes }, options);

    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, r.name, r.townshipId])).toEqual([
      [2, "王伟", "t-chengguan"],
      [3, "李娜", "t-chengguan"],
      [4, "张强", "t-chengguan"],
    ]);
  });

  it("reports a missing required column once, on the header row", async () => {
    const bytes = await xlsxOf([
      ["姓名", "代表层级", "联系电话"],
      ["王伟", "县", "13812345678"],
      ["李娜", "乡", ""],
    ]);
    expect(await parseDeputySheet({ name: "a.xlsx", bytes }, options)).toEqual({
      rows: [],
      errors: [{ row: 1, field: "township", message: "validation.required" }],
    });
  });

  it("reports every missing column of an empty workbook on row 1", async () => {
    const { errors } = await parseDeputySheet({ name: "a.xlsx", bytes: await xlsxOf([]) }, options);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [1, "name"],
      [1, "level"],
      [1, "township"],
    ]);
  });

  it("reports several problems of one row, in column order", async () => {
    const bytes = await xlsxOf([HEADER, ["", "县", "", "", "城关镇", "", "", "", "12345", "未知"]]);
    const { errors } = await parseDeputySheet({ name: "a.xlsx", bytes }, options);
    expect(errors).toEqual([
      { row: 2, field: "name", message: "validation.required" },
      { row: 2, field: "phone", message: "validation.invalidPhone" },
      { row: 2, field: "gender", message: "validation.invalid" },
    ]);
  });
});

describe("parseDeputySheet: .csv", () => {
  const header = "姓名,代表层级,届次,选区,所属乡镇,进站联络站,行业,专长,手机,性别";
  const body = [
    '王伟,县,第十八届,"第一选区,含东村和西村",城关镇,"城关镇代表联络站、人大代表之家",教育,"乡村振兴,基层治理",13812345678,男',
    '"李""小""娜","乡(镇)",,"南山乡第二选区',
    '（跨两村）",南山乡,,"农业",,0571-87654321,女',
  ].join("\r\n");
  const expected = [
    {
      row: 2,
      name: "王伟",
      level: "county",
      term: "第十八届",
      constituency: "第一选区,含东村和西村",
      township: "城关镇",
      townshipId: "t-chengguan",
      stationNames: ["城关镇代表联络站", "人大代表之家"],
      sector: "教育",
      tags: ["乡村振兴", "基层治理"],
      phone: "13812345678",
      gender: "男",
    },
    {
      row: 3,
      name: '李"小"娜',
      level: "township",
      term: undefined,
      constituency: "南山乡第二选区\r\n（跨两村）",
      township: "南山乡",
      townshipId: "t-nanshan",
      stationNames: [],
      sector: "农业",
      tags: [],
      phone: "0571-87654321",
      gender: "女",
    },
  ];
  const csv = `${header}\r\n${body}\r\n`;

  it("reads UTF-8 without a BOM, with quoted commas, quotes and line breaks", async () => {
    expect(await parseDeputySheet({ name: "a.csv", bytes: utf8(csv) }, options)).toEqual({
      rows: expected,
      errors: [],
    });
  });

  it("reads UTF-8 with a BOM", async () => {
    expect(await parseDeputySheet({ name: "a.csv", bytes: utf8(`\uFEFF${csv}`) }, options)).toEqual({
      rows: expected,
      errors: [],
    });
  });

  it("reads GB18030 (Excel on Chinese Windows)", async () => {
    const bytes = encodeGb18030(csv);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(await parseDeputySheet({ name: "a.csv", bytes }, options)).toEqual({ rows: expected, errors: [] });
  });

  it("reads English headers in any order, LF line ends, and skips blank lines", async () => {
    const text =
      "township,Name,LEVEL,unknown,phone\n\n东城街道,Anna Li,municipal,?,13912345678\n,,,,\n南山乡,赵敏,省,,\n";
    const { rows, errors } = await parseDeputySheet({ name: "en.csv", bytes: utf8(text) }, options);
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.row, r.name, r.level, r.townshipId, r.phone])).toEqual([
      [3, "Anna Li", "municipal", "t-dongcheng", "13912345678"],
      [5, "赵敏", "provincial", "t-nanshan", undefined],
    ]);
  });

  it("reads UTF-16 tab-separated text saved as .csv", async () => {
    const text = "姓名\t层级\t乡镇\n王伟\t县\t城关镇\n";
    const bytes = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer),
    ]);
    const { rows, errors } = await parseDeputySheet({ name: "a.csv", bytes }, options);
    expect(errors).toEqual([]);
    expect(rows).toMatchObject([{ row: 2, name: "王伟", level: "county", townshipId: "t-chengguan" }]);
  });
});

describe("parseDeputySheet: duplicates", () => {
  const text = csvOf([
    ["姓名", "层级", "乡镇"],
    ["王伟", "县", "城关镇"],
    ["王伟", "乡", "东城街道"], // same name, another township: fine
    ["王 伟", "乡", "城关镇"], // same deputy again
    ["李娜", "县", "南山乡"], // already in the directory
    ["张强", "县", "城关镇"],
    ["张强", "县", "城关镇"],
  ]);

  it("flags the later row of a name repeated in a township, in the file or the directory", async () => {
    const { rows, errors } = await parseDeputySheet(
      { name: "a.csv", bytes: utf8(text) },
      { townships, existing: [{ name: "李娜", townshipId: "t-nanshan" }] },
    );
    expect(errors).toEqual([
      { row: 4, field: "name", message: "validation.duplicateDeputy" },
      { row: 5, field: "name", message: "validation.duplicateDeputy" },
      { row: 7, field: "name", message: "validation.duplicateDeputy" },
    ]);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 6]);
  });
});

describe("parseDeputySheet: refused files", () => {
  const csv = utf8("姓名,层级,乡镇\n王伟,县,城关镇\n");

  it.each([
    ["a .txt file", "名册.txt", csv],
    ["a file without an extension", "名册", csv],
    ["garbage named .xlsx", "名册.xlsx", utf8("not a zip at all")],
    ["binary named .csv", "名册.csv", Uint8Array.of(0x00, 0x01, 0x02, 0xff, 0x00)],
    ["a legacy .xls named .csv", "名册.csv", Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)],
    ["a ZIP named .csv", "名册.csv", Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00)],
  ])("refuses %s", async (_, name, bytes) => {
    const error = await parseDeputySheet({ name, bytes }, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SheetFormatError);
    expect(error).toMatchObject({ message: "errors.sheetFormat", formError: "errors.sheetFormat", status: 400 });
  });

  it("refuses a ZIP that is not a workbook", async () => {
    const bytes = Uint8Array.of(0x50, 0x4b, 0x03, 0x04, ...utf8("broken zip body"));
    await expect(parseDeputySheet({ name: "a.xlsx", bytes }, options)).rejects.toThrow(
      new SheetFormatError("errors.sheetUnreadable"),
    );
  });
});

describe("parseDeputySheet: size limit", () => {
  const lines = (n: number) =>
    `姓名,层级,乡镇\n${Array.from({ length: n }, (_, i) => `代表${i},县,城关镇\n`).join("")}`;

  it(`accepts ${MAX_DEPUTY_ROWS} rows`, async () => {
    const { rows, errors } = await parseDeputySheet({ name: "a.csv", bytes: utf8(lines(MAX_DEPUTY_ROWS)) }, options);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(MAX_DEPUTY_ROWS);
  });

  it("refuses one more", async () => {
    await expect(parseDeputySheet({ name: "a.csv", bytes: utf8(lines(MAX_DEPUTY_ROWS + 1)) }, options)).rejects.toThrow(
      new SheetFormatError("errors.sheetTooLarge"),
    );
  });

  it("stops reading a far larger file early", async () => {
    await expect(parseDeputySheet({ name: "a.csv", bytes: utf8(lines(200_000)) }, options)).rejects.toThrow(
      "errors.sheetTooLarge",
    );
  });
});
