import { describe, expect, it } from "vitest";
import { addDuration, calendarFromDays } from ".";
import {
  chinaHolidaysExcept,
  chinaHolidayYear,
  countyCalendar,
  FIRST_CALENDAR_YEAR,
  isSupportedCalendarYear,
  LAST_CALENDAR_YEAR,
} from "./china-holidays";

const FESTIVALS = ["元旦", "春节", "清明", "劳动节", "端午", "中秋", "国庆节"];
const PROVISIONAL_FESTIVALS = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"];

const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isRealDate = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);

describe("chinaHolidayYear", () => {
  it("2026 is official and matches the State Council notice", () => {
    const year = chinaHolidayYear(2026);
    expect(year.provisional).toBe(false);
    const count = (name: string) => year.days.filter((d) => d.kind === "holiday" && d.name === name).length;
    // 元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆 7 days.
    expect(FESTIVALS.map(count)).toEqual([3, 9, 3, 5, 3, 3, 7]);
    expect(year.days.filter((d) => d.kind === "workday").map((d) => d.date)).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    expect(year.days.find((d) => d.date === "2026-02-14")?.name).toBe("春节调休上班");
  });

  it("a year the notices do not cover yet is provisional, computed from the lunar calendar", () => {
    const year = chinaHolidayYear(2028);
    expect(year.provisional).toBe(true);
    expect(year.source).toContain("暂定");
    const holidays = year.days.filter((d) => d.kind === "holiday");
    // 正月初一 2028 is Wed 26 January: 除夕 to 初三 are 25–28 January.
    expect(holidays.filter((d) => d.name === "春节").map((d) => d.date)).toEqual([
      "2028-01-25",
      "2028-01-26",
      "2028-01-27",
      "2028-01-28",
    ]);
    expect(holidays.find((d) => d.name === "清明节")?.date).toBe("2028-04-04");
    expect(holidays.find((d) => d.name === "端午节")?.date).toBe("2028-05-28");
    expect(holidays.find((d) => d.name === "中秋节")?.date).toBe("2028-10-03");
    // No make-up workdays are guessed.
    expect(year.days.filter((d) => d.kind === "workday")).toEqual([]);
  });

  it("gives a statutory day on a weekend a day in lieu on the next working day", () => {
    // 2028-05-28 (端午) is a Sunday: Monday the 29th is 端午节补休.
    const year = chinaHolidayYear(2028);
    expect(weekdayOf("2028-05-28")).toBe(0);
    expect(year.days).toContainEqual({ date: "2028-05-29", kind: "holiday", name: "端午节补休" });
    // 元旦 2028 is a Saturday: made up on Monday 3 January.
    expect(year.days).toContainEqual({ date: "2028-01-03", kind: "holiday", name: "元旦补休" });
  });

  it.each([2008, 2016, 2026, 2027, 2028, 2030, 2045, 2099])(
    "%i: real dates of the year, each once, with festival names and every festival present",
    (y) => {
      const year = chinaHolidayYear(y);
      const dates = year.days.map((d) => d.date);
      for (const date of dates) {
        expect(isRealDate(date), date).toBe(true);
        expect(date.startsWith(`${y}-`), date).toBe(true);
      }
      expect(new Set(dates).size).toBe(dates.length);
      const names = year.provisional ? PROVISIONAL_FESTIVALS : FESTIVALS;
      for (const day of year.days) {
        const festival = day.name.replace(/(调休上班|补休)$/, "");
        expect(names, day.name).toContain(festival);
        if (day.kind === "workday") expect([0, 6], day.date).toContain(weekdayOf(day.date));
      }
      for (const name of names)
        expect(
          year.days.some((d) => d.name === name),
          name,
        ).toBe(true);
    },
  );

  it("counts 15 working days from Mon 2028-01-24 10:00 past the provisional Spring Festival", () => {
    const calendar = calendarFromDays(chinaHolidayYear(2028).days);
    // From Tue 25 Jan: 25–28 are 春节, so the 15 days are 31 Jan–4 Feb, 7–11 Feb, 14–18 Feb.
    const due = addDuration(new Date("2028-01-24T10:00:00+08:00"), { amount: 15, unit: "workingDays" }, calendar);
    expect(due.toISOString()).toBe("2028-02-18T16:00:00.000Z"); // 24:00 of Fri 18 Feb, Shanghai
    const ignoringHolidays = addDuration(
      new Date("2028-01-24T10:00:00+08:00"),
      { amount: 15, unit: "workingDays" },
      calendarFromDays([]),
    );
    expect(ignoringHolidays.getTime()).toBeLessThan(due.getTime());
  });

  it("knows its range and refuses years outside it", () => {
    expect(isSupportedCalendarYear(FIRST_CALENDAR_YEAR)).toBe(true);
    expect(isSupportedCalendarYear(LAST_CALENDAR_YEAR)).toBe(true);
    expect(isSupportedCalendarYear(FIRST_CALENDAR_YEAR - 1)).toBe(false);
    expect(isSupportedCalendarYear(LAST_CALENDAR_YEAR + 1)).toBe(false);
    expect(() => chinaHolidayYear(2100)).toThrow(RangeError);
  });
});

describe("countyCalendar", () => {
  const sorted = (set: ReadonlySet<string>) => [...set].sort();
  // A county holding 2026 and 2027, which moved a holiday of 2026 and made a Saturday a workday.
  const own = [
    ...chinaHolidayYear(2026).days.filter((day) => day.date !== "2026-10-08"),
    { date: "2026-10-10", kind: "workday" as const },
    ...chinaHolidayYear(2027).days,
  ];

  it("is the county's days with China's holidays in every year it does not hold", () => {
    for (const held of [[2026, 2027], [2027, 2026, 2026], [], [2030]]) {
      const expected = calendarFromDays([...own, ...chinaHolidaysExcept(new Set(held))]);
      const calendar = countyCalendar(own, held);
      expect(sorted(calendar.holidays)).toEqual(sorted(expected.holidays));
      expect(sorted(calendar.workdays)).toEqual(sorted(expected.workdays));
    }
  });

  it("gives each county sets of its own, though China's part is built once", () => {
    const first = countyCalendar(own, [2026, 2027]);
    const second = countyCalendar([], [2026, 2027]);
    expect(second.holidays).not.toBe(first.holidays);
    expect(second.workdays.has("2026-10-10")).toBe(false);
    expect(first.workdays.has("2026-10-10")).toBe(true);
  });

  it("refuses a county day that is not a date", () => {
    expect(() => countyCalendar([{ date: "2026-02-30", kind: "holiday" }], [2026])).toThrow(RangeError);
  });
});
