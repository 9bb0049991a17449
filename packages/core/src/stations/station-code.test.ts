import { describe, expect, it } from "vitest";
import { newStationCode, parsePublicStationCode, publicStationCode } from "./station-code";

describe("station codes", () => {
  it("are six characters that cannot be misread", () => {
    const codes = Array.from({ length: 2000 }, newStationCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });

  it("round-trip through the public code, whatever the case", () => {
    const code = publicStationCode("450107", "K7M2QD");
    expect(code).toBe("450107-K7M2QD");
    expect(parsePublicStationCode(code.toLowerCase())).toEqual({ divisionCode: "450107", stationCode: "K7M2QD" });
  });

  it("refuse anything else", () => {
    for (const bad of ["", "450107", "450107-K7M2Q", "45010-K7M2QD", "450107-K7M2QD/../x", "450107_K7M2QD"]) {
      expect(parsePublicStationCode(bad)).toBeNull();
    }
  });
});
