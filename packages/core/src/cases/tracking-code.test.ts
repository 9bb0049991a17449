import { describe, expect, it } from "vitest";
import { newTrackingCode, parseTrackingCode } from "./tracking-code";

describe("parseTrackingCode", () => {
  it("answers the canonical code for the ways people type one", () => {
    for (const typed of [
      "450107-K7M2QD8P",
      "450107k7m2qd8p",
      "  450107-k7m2qd8p \n",
      "450107 K7M2 QD8P",
      "450107－K7M2QD8P",
      "４５０１０７—Ｋ７Ｍ２ＱＤ８Ｐ",
    ]) {
      expect(parseTrackingCode(typed), typed).toEqual({ code: "450107-K7M2QD8P", divisionCode: "450107" });
    }
  });

  it("refuses what cannot be a code", () => {
    for (const typed of [
      "",
      "450107",
      "450107-K7M2QD8",
      "450107-K7M2QD8PX",
      "45010-K7M2QD8PA",
      "450107-K7M2QD0P",
      "450107-K7M2QD1P",
      "450107-K7M2QDOP",
      "K7M2QD8P-450107",
      "450107/K7M2QD8P",
      "4".repeat(100),
    ]) {
      expect(parseTrackingCode(typed), typed).toBeNull();
    }
  });

  it("reads back every code it makes", () => {
    const code = newTrackingCode("450107");
    expect(parseTrackingCode(code.toLowerCase().replace("-", ""))?.code).toBe(code);
  });
});
