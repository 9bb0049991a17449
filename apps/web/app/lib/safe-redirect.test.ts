import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirect("/county/townships?q=金陵")).toBe("/county/townships?q=金陵");
  });

  it("refuses other origins, protocol-relative and backslash tricks", () => {
    for (const to of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "",
      null,
      42,
    ]) {
      expect(safeRedirect(to)).toBe("/");
    }
  });
});
