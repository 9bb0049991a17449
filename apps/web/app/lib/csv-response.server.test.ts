import { describe, expect, it } from "vitest";
import { csvResponse, toCsv } from "./csv-response.server";

describe("CSV downloads", () => {
  it("quotes what needs quoting, ends records with CRLF and leaves numbers and empty cells bare", () => {
    expect(
      toCsv([
        ["区县", "备注", "数"],
        ["青秀区", '含,逗号与"引号"\n换行', 3],
        ["", null, 0],
      ]),
    ).toBe('区县,备注,数\r\n青秀区,"含,逗号与""引号""\n换行",3\r\n,,0\r\n');
  });

  it("keeps text that Excel would run as a formula as text", () => {
    expect(toCsv([['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "正常"]])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),正常\r\n`,
    );
  });

  it("starts with a UTF-8 byte order mark and names the file in UTF-8", async () => {
    const response = csvResponse([["区县"], ["西乡塘区"]], "区县运行状况.csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe("区县\r\n西乡塘区\r\n");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent("区县运行状况.csv")}`,
    );
  });
});
