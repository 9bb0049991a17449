import { describe, expect, it } from "vitest";
import { maskPhone } from "./build-deputy-sheet";
import { parseDeputyLevel, splitList, ZDeputyRow } from "./deputy-row";
import { neutraliseFormula, restoreNeutralised } from "./formula-guard";

const valid = { name: "王伟", level: "县", township: "城关镇" };

function fieldErrors(input: unknown) {
  const result = ZDeputyRow.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe("parseDeputyLevel", () => {
  it.each([
    ["全国", "national"],
    ["全国人大代表", "national"],
    ["national", "national"],
    ["省", "provincial"],
    ["省人大代表", "provincial"],
    ["Provincial", "provincial"],
    ["市", "municipal"],
    ["市人大代表", "municipal"],
    ["县", "county"],
    ["县人大代表", "county"],
    ["区人大代表", "county"],
    ["县（区）", "county"],
    ["县(区)", "county"],
    [" county ", "county"],
    ["乡", "township"],
    ["乡人大代表", "township"],
    ["镇人大代表", "township"],
    ["乡（镇）", "township"],
  ])("%s → %s", (text, level) => {
    expect(parseDeputyLevel(text)).toBe(level);
  });

  it.each(["", "村", "县长", "nation"])("refuses %j", (text) => {
    expect(parseDeputyLevel(text)).toBeNull();
  });
});

describe("ZDeputyRow", () => {
  it("parses a full row", () => {
    expect(
      ZDeputyRow.parse({
        name: " 张　三 ",
        level: "省人大代表",
        term: "第十八届",
        constituency: "第3选区",
        township: "城关镇",
        stationNames: "城关镇代表联络站、人大代表之家,城关镇代表联络站",
        sector: "教育",
        tags: "乡村振兴，基层治理",
        phone: "138 1234 5678",
        gender: "女",
      }),
    ).toEqual({
      name: "张三",
      level: "provincial",
      term: "第十八届",
      constituency: "第3选区",
      township: "城关镇",
      stationNames: ["城关镇代表联络站", "人大代表之家"],
      sector: "教育",
      tags: ["乡村振兴", "基层治理"],
      phone: "13812345678",
      gender: "女",
    });
  });

  it("leaves blank optional cells out and lists empty", () => {
    const row = ZDeputyRow.parse({ ...valid, term: " ", phone: "", gender: "", stationNames: "", tags: "、" });
    expect(row).toMatchObject({ name: "王伟", level: "county", township: "城关镇", stationNames: [], tags: [] });
    expect(row.term).toBeUndefined();
    expect(row.phone).toBeUndefined();
    expect(row.gender).toBeUndefined();
  });

  it("keeps spaces in Latin names", () => {
    expect(ZDeputyRow.parse({ ...valid, name: "Anna  Li" }).name).toBe("Anna  Li");
  });

  it.each(["13812345678", "0571-87654321", "057187654321", "010-1234567", "19900001111"])(
    "accepts phone %s",
    (phone) => {
      expect(fieldErrors({ ...valid, phone })).toEqual({});
    },
  );

  it.each(["12812345678", "1381234567", "138123456789", "87654321", "0571-123", "+8613812345678", "abc"])(
    "refuses phone %s",
    (phone) => {
      expect(fieldErrors({ ...valid, phone })).toEqual({ phone: "validation.invalidPhone" });
    },
  );

  it("reports i18n keys", () => {
    expect(fieldErrors({})).toEqual({
      name: "validation.required",
      level: "validation.required",
      township: "validation.required",
    });
    expect(fieldErrors({ ...valid, name: " ", level: "村" })).toEqual({
      name: "validation.required",
      level: "validation.deputyLevel",
    });
    expect(
      fieldErrors({ ...valid, name: "名".repeat(41), term: "届".repeat(41), constituency: "区".repeat(61) }),
    ).toEqual({ name: "validation.tooLong", term: "validation.tooLong", constituency: "validation.tooLong" });
    expect(fieldErrors({ ...valid, gender: "未知" })).toEqual({ gender: "validation.invalid" });
    expect(ZDeputyRow.parse({ ...valid, gender: "male" }).gender).toBe("男");
  });
});

describe("splitList", () => {
  it("splits on 、 , ， and drops blanks and repeats", () => {
    expect(splitList("甲、乙,丙，丁 、 甲,,")).toEqual(["甲", "乙", "丙", "丁"]);
    expect(splitList(["甲", " 乙 ", ""])).toEqual(["甲", "乙"]);
    expect(splitList(undefined)).toEqual([]);
  });
});

describe("maskPhone", () => {
  it.each([
    ["13812345678", "138****5678"],
    ["0571-87654321", "0571-****4321"],
    ["010-1234567", "010-***4567"],
    ["", ""],
    ["12345", "*****"],
  ])("%s → %s", (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe("formula guard", () => {
  it.each(["=1+1", "+8613812345678", "-x", "@SUM(A1)", "  =cmd", "\tx", "\rx", "'=1", "''-2"])(
    "neutralises %j and restores it",
    (text) => {
      const safe = neutraliseFormula(text);
      expect(safe).toBe(`'${text}`);
      expect(restoreNeutralised(safe)).toBe(text);
    },
  );

  it.each(["王伟", "第十八届", "'quoted", "a=b", "13812345678", ""])("leaves %j alone", (text) => {
    expect(neutraliseFormula(text)).toBe(text);
    expect(restoreNeutralised(text)).toBe(text);
  });
});
