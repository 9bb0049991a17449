import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./dates";
import { themeFor } from "./theme";

describe("dates as the county reads them", () => {
  it("shows an instant in Asia/Shanghai whatever the process's zone", () => {
    // 11:49 UTC is 19:49 in Shanghai; 20:30 UTC on the 4th is already the 5th there.
    expect(formatDateTime("2026-03-05T11:49:00Z", "zh-CN")).toContain("19:49");
    expect(formatDate(new Date("2026-03-04T20:30:00Z"), "zh-CN")).toBe("2026/3/5");
  });
});

describe("the theme's selects", () => {
  it("keep their value when the chosen option is clicked again", () => {
    expect(themeFor({ clear: "清除", close: "关闭" }).components?.Select?.defaultProps).toMatchObject({
      allowDeselect: false,
    });
  });
});
