import { addDays, type CalendarOverrides, isWorkingDate, localDateOf } from "@rdlink/workflow";

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * A deadline in words, the same on the list and the case page: the working days left (the
 * days after today up to the deadline's last day, as deadlines are counted) or the calendar
 * days since it passed, and the deadline itself as a date, weekday and time of day in
 * Asia/Shanghai. A deadline ending at midnight ends at 24:00 of the day before
 * ("12月9日（周三）24:00前"), never at 00:00 of the next.
 */
export type TDeadlineCountdown = {
  overdue: boolean;
  /** Working days after today up to and including the last day (0: it ends today). */
  workingDaysLeft: number;
  /** Calendar days since it passed (≥ 1 once overdue). */
  daysOverdue: number;
  /** The last day, YYYY-MM-DD, and its weekday (0 Sunday … 6 Saturday). */
  date: string;
  weekday: number;
  /** "24:00", or the hour and minute it ends at. */
  time: string;
};

export function deadlineCountdown(dueAt: Date, now: Date, calendar: CalendarOverrides): TDeadlineCountdown {
  const local = dueAt.getTime() + SHANGHAI_OFFSET_MS;
  const atMidnight = local % DAY_MS === 0;
  // 24:00 of the day before, rather than 00:00 of the next.
  const date = localDateOf(new Date(dueAt.getTime() - (atMidnight ? 1 : 0)));
  const minutes = Math.floor((local % DAY_MS) / 60_000);
  const time = atMidnight
    ? "24:00"
    : `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const today = localDateOf(now);
  const overdue = dueAt.getTime() <= now.getTime();
  let workingDaysLeft = 0;
  let daysOverdue = 0;
  if (overdue) {
    // Counted from the day it passed: a deadline of 24:00 on the 20th is one day overdue on the 22nd.
    daysOverdue = Math.max(1, daysBetween(localDateOf(dueAt), today));
  } else {
    for (let day = addDays(today, 1); day <= date; day = addDays(day, 1)) {
      if (isWorkingDate(day, calendar)) workingDaysLeft += 1;
    }
  }
  return { overdue, workingDaysLeft, daysOverdue, date, weekday, time };
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
