import { describe, expect, it } from "vitest";
import { CHINA_PUBLIC_HOLIDAYS, defaultCalendarDays } from "./china-holidays";

const years = Object.keys(CHINA_PUBLIC_HOLIDAYS).map(Number);
const FESTIVALS = new Set(["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]);

/** Day of week (0 = Sunday) if `date` is a real YYYY-MM-DD date, else undefined. */
function weekdayOf(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date ? d.getUTCDay() : undefined;
}

describe("CHINA_PUBLIC_HOLIDAYS", () => {
  it("covers 2026 and 2027", () => {
    expect(years).toEqual(expect.arrayContaining([2026, 2027]));
    expect(CHINA_PUBLIC_HOLIDAYS[2026]?.provisional).toBe(false);
  });

  it.each(years)("%i: every date is a real date of its year, listed once", (year) => {
    const entry = CHINA_PUBLIC_HOLIDAYS[year]!;
    const dates = [...entry.holidays, ...entry.workdays].map((row) => row.date);
    for (const date of dates) {
      expect(weekdayOf(date), date).toBeDefined();
      expect(date.startsWith(`${year}-`), date).toBe(true);
    }
    expect(new Set(dates).size).toBe(dates.length); // also: holidays and workdays never overlap
  });

  it.each(years)("%i: make-up workdays fall on weekends and holidays use festival names", (year) => {
    const entry = CHINA_PUBLIC_HOLIDAYS[year]!;
    for (const { date, name } of entry.workdays) {
      expect([0, 6], date).toContain(weekdayOf(date));
      expect(name).toMatch(/调休上班$/);
      expect(FESTIVALS.has(name.replace(/调休上班$/, "")), name).toBe(true);
    }
    for (const { name } of entry.holidays) expect(FESTIVALS.has(name), name).toBe(true);
    expect(entry.source.length).toBeGreaterThan(0);
  });

  it("2026 matches the State Council notice", () => {
    const entry = CHINA_PUBLIC_HOLIDAYS[2026]!;
    const countBy = (name: string) => entry.holidays.filter((h) => h.name === name).length;
    // 元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆 7 days.
    expect([...FESTIVALS].map(countBy)).toEqual([3, 9, 3, 5, 3, 3, 7]);
    expect(entry.workdays.map((w) => w.date)).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    expect(entry.source).toContain("gov.cn");
  });

  it("2027 is provisional: statutory days only, no make-up workdays", () => {
    const entry = CHINA_PUBLIC_HOLIDAYS[2027]!;
    expect(entry.provisional).toBe(true);
    expect(entry.source).toMatch(/PROVISIONAL/);
    expect(entry.workdays).toEqual([]);
    // 13 statutory days since the 2024 revision: 1 + 4 + 1 + 2 + 1 + 1 + 3.
    expect(entry.holidays.map((h) => h.date)).toEqual([
      "2027-01-01",
      "2027-02-05",
      "2027-02-06",
      "2027-02-07",
      "2027-02-08",
      "2027-04-05",
      "2027-05-01",
      "2027-05-02",
      "2027-06-09",
      "2027-09-15",
      "2027-10-01",
      "2027-10-02",
      "2027-10-03",
    ]);
  });
});

describe("defaultCalendarDays", () => {
  it("returns sorted seed rows for a known year", () => {
    const rows = defaultCalendarDays(2026);
    expect(rows).toHaveLength(33 + 6);
    expect(rows.map((r) => r.date)).toEqual(rows.map((r) => r.date).toSorted());
    expect(rows.find((r) => r.date === "2026-10-10")).toEqual({
      date: "2026-10-10",
      kind: "workday",
      name: "国庆节调休上班",
    });
    expect(rows.find((r) => r.date === "2026-10-01")).toEqual({ date: "2026-10-01", kind: "holiday", name: "国庆节" });
  });

  it("returns an empty array for unknown years", () => {
    expect(defaultCalendarDays(2019)).toEqual([]);
    expect(defaultCalendarDays(2030)).toEqual([]);
  });
});
