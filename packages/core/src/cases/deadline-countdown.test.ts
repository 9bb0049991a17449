import { calendarFromDays, EMPTY_CALENDAR } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import { deadlineCountdown } from "./deadline-countdown";

// Friday 4 December 2026, 10:00 in Asia/Shanghai.
const now = new Date("2026-12-04T02:00:00Z");

describe("a deadline in words", () => {
  it("counts the working days after today up to 24:00 of the last day", () => {
    // 24:00 on Wednesday 9 December: Monday, Tuesday and Wednesday are left.
    expect(deadlineCountdown(new Date("2026-12-09T16:00:00Z"), now, EMPTY_CALENDAR)).toEqual({
      overdue: false,
      workingDaysLeft: 3,
      daysOverdue: 0,
      date: "2026-12-09",
      weekday: 3,
      time: "24:00",
    });
  });

  it("skips the county's holidays and counts its make-up workdays", () => {
    const calendar = calendarFromDays([
      { date: "2026-12-08", kind: "holiday" },
      { date: "2026-12-05", kind: "workday" },
    ]);
    expect(deadlineCountdown(new Date("2026-12-09T16:00:00Z"), now, calendar).workingDaysLeft).toBe(3);
  });

  it("says a deadline ending today has no working day left, with its time of day", () => {
    expect(deadlineCountdown(new Date("2026-12-04T09:30:00Z"), now, EMPTY_CALENDAR)).toMatchObject({
      overdue: false,
      workingDaysLeft: 0,
      date: "2026-12-04",
      weekday: 5,
      time: "17:30",
    });
  });

  it("counts calendar days since a deadline passed, as the list does", () => {
    // Due at 00:00 on 21 October (24:00 on the 20th): 44 days overdue on 4 December.
    expect(deadlineCountdown(new Date("2026-10-20T16:00:00Z"), now, EMPTY_CALENDAR)).toMatchObject({
      overdue: true,
      daysOverdue: 44,
      date: "2026-10-20",
      time: "24:00",
    });
    // Passed an hour ago: one day, not zero.
    expect(deadlineCountdown(new Date("2026-12-04T01:00:00Z"), now, EMPTY_CALENDAR).daysOverdue).toBe(1);
  });
});
