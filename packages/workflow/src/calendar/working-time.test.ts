import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultCalendarDays } from "./china-holidays";
import {
  addDuration,
  type CalendarOverrides,
  calendarFromDays,
  type DurationUnit,
  durationBetween,
  EMPTY_CALENDAR,
  endOfLocalDate,
  fractionOf,
  isWorkingDate,
  localDateOf,
  type TDuration,
} from "./working-time";

const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** Shanghai wall-clock time, e.g. at("2026-09-28T10:00"). */
const at = (local: string): Date => new Date(`${local}:00+08:00`);
const iso = (d: Date): string => d.toISOString();

const china = calendarFromDays([2026, 2027].flatMap(defaultCalendarDays));

const add = (start: Date, amount: number, unit: DurationUnit, calendar: CalendarOverrides = china) =>
  addDuration(start, { amount, unit }, calendar);

describe("isWorkingDate", () => {
  it("uses Monday–Friday by default", () => {
    expect(isWorkingDate("2026-03-09", EMPTY_CALENDAR)).toBe(true); // Mon
    expect(isWorkingDate("2026-03-13", EMPTY_CALENDAR)).toBe(true); // Fri
    expect(isWorkingDate("2026-03-14", EMPTY_CALENDAR)).toBe(false); // Sat
    expect(isWorkingDate("2026-03-15", EMPTY_CALENDAR)).toBe(false); // Sun
  });

  it("applies holidays and make-up workdays, workdays winning", () => {
    expect(isWorkingDate("2026-10-01", china)).toBe(false); // 国庆, Thu
    expect(isWorkingDate("2026-10-10", china)).toBe(true); // 国庆节调休上班, Sat
    expect(isWorkingDate("2026-02-14", china)).toBe(true); // 春节调休上班, Sat
    const both = { holidays: new Set(["2026-03-14"]), workdays: new Set(["2026-03-14"]) };
    expect(isWorkingDate("2026-03-14", both)).toBe(true);
  });

  it("rejects malformed or impossible dates", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-1-05", "20260105", ""]) {
      expect(() => isWorkingDate(bad, EMPTY_CALENDAR)).toThrow(RangeError);
    }
  });
});

describe("localDateOf", () => {
  it("uses the Asia/Shanghai date", () => {
    expect(localDateOf(new Date("2026-09-27T16:00:00Z"))).toBe("2026-09-28");
    expect(localDateOf(new Date("2026-09-27T15:59:59.999Z"))).toBe("2026-09-27");
    expect(localDateOf(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });

  it("agrees with Intl for Asia/Shanghai", () => {
    const intl = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });
    fc.assert(
      fc.property(fc.date({ min: new Date("1992-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }), (d) => {
        expect(localDateOf(d)).toBe(intl.format(d));
      }),
    );
  });
});

describe("addDuration", () => {
  it("15 working days from 2026-09-28 10:00, right before 国庆", () => {
    // The start day (Mon 09-28) is not counted. Counted working dates:
    //  1 09-29 Tue   2 09-30 Wed   (10-01 … 10-07 国庆 holidays)
    //  3 10-08 Thu   4 10-09 Fri   5 10-10 Sat (调休上班)   (10-11 Sun off)
    //  6 10-12 Mon   7 10-13   8 10-14   9 10-15  10 10-16 Fri   (weekend)
    // 11 10-19 Mon  12 10-20  13 10-21  14 10-22  15 10-23 Fri
    // → ends 24:00 on Fri 2026-10-23 = 2026-10-24T00:00+08:00 = 2026-10-23T16:00Z.
    const end = add(at("2026-09-28T10:00"), 15, "workingDays");
    expect(iso(end)).toBe("2026-10-23T16:00:00.000Z");
    expect(end.getTime()).toBe(at("2026-10-24T00:00").getTime());
  });

  it("counts make-up workdays and skips holidays", () => {
    // Fri 02-13 → Sat 02-14 is 春节调休上班, then 02-15 … 02-23 off, Tue 02-24 is next.
    expect(add(at("2026-02-13T10:00"), 1, "workingDays")).toEqual(at("2026-02-15T00:00"));
    expect(add(at("2026-02-13T10:00"), 2, "workingDays")).toEqual(at("2026-02-25T00:00"));
    // Without overrides the same span is plain weekdays.
    expect(add(at("2026-02-13T10:00"), 1, "workingDays", EMPTY_CALENDAR)).toEqual(at("2026-02-17T00:00"));
  });

  it("skips weekends", () => {
    // Fri 03-06: count starts Mon 03-09.
    expect(add(at("2026-03-06T09:00"), 1, "workingDays")).toEqual(at("2026-03-10T00:00"));
    expect(add(at("2026-03-06T09:00"), 5, "workingDays")).toEqual(at("2026-03-14T00:00"));
    expect(add(at("2026-03-06T09:00"), 6, "workingDays")).toEqual(at("2026-03-17T00:00"));
  });

  it("workingHours from Friday 20:00 runs over the weekend", () => {
    const friday = at("2026-03-13T20:00");
    expect(add(friday, 4, "workingHours")).toEqual(at("2026-03-14T00:00")); // exactly Friday 24:00
    expect(add(friday, 10, "workingHours")).toEqual(at("2026-03-16T06:00")); // 4 h Fri + 6 h Mon
    expect(add(friday, 28, "workingHours")).toEqual(at("2026-03-17T00:00"));
    expect(add(friday, 1.5, "workingHours")).toEqual(at("2026-03-13T21:30"));
  });

  it("handles fractional working days", () => {
    // Mon 03-09 10:00: 03-10 and 03-11 whole, half of 03-12.
    expect(add(at("2026-03-09T10:00"), 2.5, "workingDays")).toEqual(at("2026-03-12T12:00"));
    // Fraction continues into the next working date, across a weekend.
    expect(add(at("2026-03-12T10:00"), 1.25, "workingDays")).toEqual(at("2026-03-16T06:00"));
    expect(add(at("2026-03-13T10:00"), 0.5, "workingDays")).toEqual(at("2026-03-16T12:00"));
  });

  it("amount 0 returns the start of the counting window", () => {
    const friday = at("2026-03-13T15:00");
    const saturday = at("2026-03-14T15:00");
    expect(add(friday, 0, "workingDays")).toEqual(at("2026-03-16T00:00"));
    expect(add(friday, 0, "workingHours")).toEqual(friday);
    expect(add(saturday, 0, "workingHours")).toEqual(at("2026-03-16T00:00"));
    expect(add(friday, 0, "hours")).toEqual(friday);
    expect(add(saturday, 0, "days")).toEqual(saturday);
  });

  it("handles a start on a holiday", () => {
    // Sat 10-03 (国庆): the first working date after it is Thu 10-08.
    expect(add(at("2026-10-03T09:00"), 1, "workingDays")).toEqual(at("2026-10-09T00:00"));
    // workingHours from a weekday holiday (Mon 10-05) only begins on 10-08.
    expect(add(at("2026-10-05T12:00"), 5, "workingHours")).toEqual(at("2026-10-08T05:00"));
    expect(add(at("2026-10-05T12:00"), 30, "workingHours")).toEqual(at("2026-10-09T06:00"));
    // A start on a make-up workday counts from that instant for workingHours.
    expect(add(at("2026-10-10T18:00"), 8, "workingHours")).toEqual(at("2026-10-12T02:00"));
  });

  it("days and hours are plain arithmetic, ignoring the calendar", () => {
    expect(add(at("2026-09-30T10:00"), 1.5, "days")).toEqual(at("2026-10-01T22:00"));
    expect(add(at("2026-09-30T10:00"), 36, "hours")).toEqual(at("2026-10-01T22:00"));
    expect(add(at("2026-09-30T10:00"), 7, "days")).toEqual(at("2026-10-07T10:00"));
    expect(add(at("2026-12-31T23:30"), 0.5, "hours")).toEqual(at("2027-01-01T00:00"));
  });

  it("crosses year boundaries", () => {
    // Wed 2025-12-31: 2026-01-01 … 01-03 元旦, Sun 01-04 调休上班 is the first working date.
    expect(add(at("2025-12-31T10:00"), 1, "workingDays")).toEqual(at("2026-01-05T00:00"));
    expect(add(at("2025-12-31T10:00"), 2, "workingDays")).toEqual(at("2026-01-06T00:00"));
    // Thu 2026-12-31: 2027-01-01 元旦 (provisional table), weekend, Mon 01-04.
    expect(add(at("2026-12-31T10:00"), 1, "workingDays")).toEqual(at("2027-01-05T00:00"));
    expect(add(at("2026-12-31T10:00"), 1, "workingDays", EMPTY_CALENDAR)).toEqual(at("2027-01-02T00:00"));
    expect(add(at("2026-12-31T22:00"), 4, "workingHours")).toEqual(at("2027-01-04T02:00"));
  });

  it("counts a three-year span exactly as walking it one working date at a time", () => {
    const start = at("2026-01-05T09:00");
    let date = localDateOf(start);
    for (let counted = 0; counted < 750; ) {
      date = localDateOf(new Date(at(`${date}T12:00`).getTime() + DAY_MS));
      if (isWorkingDate(date, china)) counted++;
    }
    // The 750th working date ends at its 24:00, i.e. 00:00 of the next calendar day.
    expect(add(start, 750, "workingDays")).toEqual(new Date(at(`${date}T00:00`).getTime() + DAY_MS));
  });

  it("ignores override rows that are not dates, for short and long spans alike", () => {
    const noisy = {
      holidays: new Set([...china.holidays, "2026-02-30", "soon"]),
      workdays: new Set([...china.workdays, "x"]),
    };
    for (const n of [1, 15, 900]) {
      expect(add(at("2026-09-28T10:00"), n, "workingDays", noisy)).toEqual(
        add(at("2026-09-28T10:00"), n, "workingDays"),
      );
    }
  });

  it("rejects invalid input", () => {
    const start = at("2026-03-09T10:00");
    for (const amount of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => add(start, amount, "workingDays")).toThrow(RangeError);
    }
    expect(() => add(new Date(Number.NaN), 1, "hours")).toThrow(RangeError);
    expect(() => addDuration(start, { amount: 1, unit: "weeks" as DurationUnit }, china)).toThrow(RangeError);
  });
});

describe("fractionOf", () => {
  it("scales the amount in the same unit", () => {
    expect(fractionOf({ amount: 15, unit: "workingDays" }, 80)).toEqual({ amount: 12, unit: "workingDays" });
    expect(fractionOf({ amount: 10, unit: "hours" }, 50)).toEqual({ amount: 5, unit: "hours" });
    expect(fractionOf({ amount: 15, unit: "days" }, 0)).toEqual({ amount: 0, unit: "days" });
    expect(fractionOf({ amount: 2, unit: "days" }, 150)).toEqual({ amount: 3, unit: "days" });
    expect(() => fractionOf({ amount: 15, unit: "days" }, -10)).toThrow(RangeError);
  });

  it("80 % of 15 working days warns 3 working days before the deadline", () => {
    const start = at("2026-09-28T10:00");
    const limit: TDuration = { amount: 15, unit: "workingDays" };
    expect(addDuration(start, fractionOf(limit, 80), china)).toEqual(at("2026-10-21T00:00"));
  });
});

describe("properties", () => {
  const units: DurationUnit[] = ["hours", "days", "workingHours", "workingDays"];
  const unitArb = fc.constantFrom(...units);
  const startArb = fc.date({ min: new Date("2024-06-01"), max: new Date("2028-06-01"), noInvalidDate: true });
  const amountArb = fc.double({ min: 0, max: 2000, noNaN: true });
  const dateInRange = fc
    .integer({ min: Date.UTC(2025, 0, 1) / DAY_MS, max: Date.UTC(2029, 11, 31) / DAY_MS })
    .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
  const calendarArb: fc.Arbitrary<CalendarOverrides> = fc.oneof(
    fc.constant(china),
    fc.constant(EMPTY_CALENDAR),
    fc
      .record({
        holidays: fc.uniqueArray(dateInRange, { maxLength: 120 }),
        workdays: fc.uniqueArray(dateInRange, { maxLength: 40 }),
      })
      .map(({ holidays, workdays }) => ({ holidays: new Set(holidays), workdays: new Set(workdays) })),
  );
  const isMidnight = (d: Date) => (d.getTime() + OFFSET_MS) % DAY_MS === 0;

  it("never throws for amounts up to 2000 and never goes backwards", () => {
    fc.assert(
      fc.property(startArb, amountArb, unitArb, calendarArb, (start, amount, unit, calendar) => {
        const end = addDuration(start, { amount, unit }, calendar);
        expect(Number.isNaN(end.getTime())).toBe(false);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
    );
  });

  it("is monotonic in the amount", () => {
    fc.assert(
      fc.property(startArb, amountArb, amountArb, unitArb, calendarArb, (start, a, b, unit, calendar) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const early = addDuration(start, { amount: lo, unit }, calendar);
        const late = addDuration(start, { amount: hi, unit }, calendar);
        expect(early.getTime()).toBeLessThanOrEqual(late.getTime());
      }),
    );
  });

  it("whole working days end at 00:00 +08:00 right after the N-th working date", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 2000 }), calendarArb, (start, n, calendar) => {
        const end = add(start, n, "workingDays", calendar);
        expect(isMidnight(end)).toBe(true);
        expect(isWorkingDate(localDateOf(new Date(end.getTime() - 1)), calendar)).toBe(true);
        // Independent oracle: walk calendar dates after the start date and take the n-th working one.
        let day = Math.floor((start.getTime() + OFFSET_MS) / DAY_MS);
        for (let counted = 0; counted < n; ) {
          day++;
          if (isWorkingDate(new Date(day * DAY_MS).toISOString().slice(0, 10), calendar)) counted++;
        }
        expect(end.getTime()).toBe((day + 1) * DAY_MS - OFFSET_MS);
      }),
    );
  });

  it("working units always end inside working time", () => {
    fc.assert(
      fc.property(
        startArb,
        amountArb,
        fc.constantFrom<DurationUnit>("workingHours", "workingDays"),
        calendarArb,
        (start, amount, unit, calendar) => {
          const end = addDuration(start, { amount, unit }, calendar);
          const onWorkingDate = isWorkingDate(localDateOf(end), calendar);
          const rightAfterWorkingDate =
            isMidnight(end) && isWorkingDate(localDateOf(new Date(end.getTime() - 1)), calendar);
          expect(onWorkingDate || rightAfterWorkingDate).toBe(true);
        },
      ),
    );
  });

  it("N working days equal 24·N working hours from the start of the counting window", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 400 }), calendarArb, (start, n, calendar) => {
        const windowStart = add(start, 0, "workingDays", calendar);
        expect(add(start, n, "workingDays", calendar)).toEqual(add(windowStart, 24 * n, "workingHours", calendar));
      }),
    );
  });

  it("calendar units are additive", () => {
    const unit = fc.constantFrom<DurationUnit>("hours", "days");
    // Multiples of 1/8 map to whole milliseconds for both units, so equality is exact.
    const eighths = fc.integer({ min: 0, max: 16_000 }).map((k) => k / 8);
    fc.assert(
      fc.property(startArb, eighths, eighths, unit, (start, a, b, u) => {
        const stepwise = add(add(start, a, u, EMPTY_CALENDAR), b, u, EMPTY_CALENDAR);
        expect(stepwise).toEqual(add(start, a + b, u, EMPTY_CALENDAR));
      }),
    );
    // Arbitrary doubles: off by at most the per-step millisecond rounding.
    fc.assert(
      fc.property(startArb, amountArb, amountArb, unit, (start, a, b, u) => {
        const stepwise = add(add(start, a, u, EMPTY_CALENDAR), b, u, EMPTY_CALENDAR);
        expect(Math.abs(stepwise.getTime() - add(start, a + b, u, EMPTY_CALENDAR).getTime())).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("durationBetween, the inverse of addDuration", () => {
  // Monday 2 March 2026, 09:00 in Shanghai; a holiday on Wednesday 4 March.
  const start = new Date("2026-03-02T01:00:00Z");
  const calendar = calendarFromDays([{ date: "2026-03-04", kind: "holiday" }]);
  it.each([
    [12, "workingDays"],
    [9.6, "workingDays"],
    [30, "workingHours"],
    [60, "days"],
    [5, "hours"],
  ] as const)("gives back %s %s", (amount, unit) => {
    const end = addDuration(start, { amount, unit }, calendar);
    const back = durationBetween(start, end, unit, calendar);
    expect(back.amount).toBeCloseTo(amount, 9);
    expect(addDuration(start, back, calendar)).toEqual(end);
  });

  it("ends at the last working day's end when the end falls on a day off", () => {
    // The end of Wednesday 4 March (a holiday): only Tuesday 3 March counted.
    expect(durationBetween(start, endOfLocalDate("2026-03-04"), "workingDays", calendar)).toEqual({
      amount: 1,
      unit: "workingDays",
    });
    expect(endOfLocalDate("2026-03-04")).toEqual(new Date("2026-03-04T16:00:00Z"));
  });
});

describe("months, as the law counts them (民法典 第二百零一至二百零三条)", () => {
  it("ends on the same day of the month N months on, counting from the next day", () => {
    // 交办 on Friday 29 January 2027, before the Spring Festival: three months end with 29 April.
    expect(iso(add(at("2027-01-29T10:00"), 3, "months"))).toBe(iso(at("2027-04-30T00:00")));
    // Six months (an approved extension): 29 July, not the 28th that 180 days would give.
    expect(iso(add(at("2027-01-29T10:00"), 6, "months"))).toBe(iso(at("2027-07-30T00:00")));
    expect(iso(add(at("2027-01-29T10:00"), 180, "days"))).toBe(iso(at("2027-07-28T10:00")));
  });

  it("ends on the month's last day when it has no such day", () => {
    expect(iso(add(at("2027-01-31T10:00"), 3, "months"))).toBe(iso(at("2027-05-01T00:00"))); // 30 April
    expect(iso(add(at("2028-01-31T10:00"), 1, "months"))).toBe(iso(at("2028-03-01T00:00"))); // 29 Feb, a leap year
  });

  it("rolls a last day that is off work to the next working day", () => {
    // 1 October 2026 + 1 month → Sunday 1 November → Monday 2 November.
    expect(iso(add(at("2026-10-01T10:00"), 1, "months"))).toBe(iso(at("2026-11-03T00:00")));
    // 2027-01-05 + 1 month → Friday 5 February, 除夕: off until 10 February (春节 and its 补休), so Thursday 11 February.
    expect(iso(add(at("2027-01-05T10:00"), 1, "months"))).toBe(iso(at("2027-02-12T00:00")));
    // A working last day stays: 2027-01-29 + 1 month → 28 February (no 29th), a Sunday → Monday 1 March.
    expect(iso(add(at("2027-01-29T10:00"), 1, "months"))).toBe(iso(at("2027-03-02T00:00")));
    expect(iso(add(at("2027-01-04T10:00"), 1, "months"))).toBe(iso(at("2027-02-05T00:00"))); // Thursday 4 February
  });

  it("spreads a fraction over the following month, and durationBetween gives it back", () => {
    const start = at("2027-01-29T10:00");
    const rung = add(start, 2.4, "months"); // the 80 % rung of three months
    expect(rung > at("2027-03-30T00:00") && rung < at("2027-04-30T00:00")).toBe(true);
    expect(durationBetween(start, rung, "months", china).amount).toBeCloseTo(2.4, 9);
    expect(durationBetween(start, at("2027-04-30T00:00"), "months", china).amount).toBeCloseTo(3, 9);
    expect(add(start, 0, "months")).toEqual(start);
  });
});
