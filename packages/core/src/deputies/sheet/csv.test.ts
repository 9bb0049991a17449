import { describe, expect, it } from "vitest";
import { decodeCsv, guessDelimiter, readCsvRecords } from "./csv";
import { encodeGb18030, utf8 } from "./testing";

const read = (text: string, delimiter = ",") => [...readCsvRecords(text, delimiter)];

describe("readCsvRecords", () => {
  it("reads plain and quoted fields with commas, quotes and line breaks", () => {
    expect(read('a,"b,c","say ""hi""",\r\n"x\r\ny",z\n')).toEqual([
      { record: 1, fields: ["a", "b,c", 'say "hi"', ""] },
      { record: 2, fields: ["x\r\ny", "z"] },
    ]);
  });

  it("numbers records, not lines, and reads LF, CRLF and lone CR", () => {
    expect(read('1\n"2\n2"\r3\r\n4').map((r) => [r.record, r.fields[0]])).toEqual([
      [1, "1"],
      [2, "2\n2"],
      [3, "3"],
      [4, "4"],
    ]);
  });

  it("keeps empty lines as records and ignores one final line break", () => {
    expect(read("a\n\nb\n").map((r) => r.fields)).toEqual([["a"], [""], ["b"]]);
    expect(read("")).toEqual([]);
    expect(read("\n")).toEqual([]);
  });

  it("is lenient like Excel with stray quotes", () => {
    expect(read('a"b,"c"d,"unterminated\nrest').map((r) => r.fields)).toEqual([['a"b', "cd", "unterminated\nrest"]]);
  });

  it("reads tab-separated text", () => {
    const text = "姓名\t层级\n王伟\t县\n";
    expect(guessDelimiter(text)).toBe("\t");
    expect(guessDelimiter("a,b\tc\n")).toBe(",");
    expect(read(text, "\t").map((r) => r.fields)).toEqual([
      ["姓名", "层级"],
      ["王伟", "县"],
    ]);
  });
});

describe("decodeCsv", () => {
  it("decodes UTF-8 with and without a BOM, GB18030 and UTF-16", () => {
    const text = "姓名,所属乡镇\n王伟,城关镇";
    expect(decodeCsv(utf8(text))).toBe(text);
    expect(decodeCsv(utf8(`\uFEFF${text}`))).toBe(text);
    expect(decodeCsv(encodeGb18030(text))).toBe(text);
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer),
    ]);
    expect(decodeCsv(utf16)).toBe(text);
  });
});
