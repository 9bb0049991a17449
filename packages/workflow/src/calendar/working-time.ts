/**
 * Working-day arithmetic for legal deadlines ("应当在十五个工作日内答复").
 *
 * All calendar reasoning happens in Asia/Shanghai local time. China has used a
 * fixed UTC+8 without DST since 1991, so a constant offset is exact for every
 * instant this system will ever handle and avoids Intl on the hot path.
 */

/** Dates are "YYYY-MM-DD" in Asia/Shanghai. */
export type CalendarOverrides = {
  /** Dates off work although they may be Mon–Fri (statutory holidays, 放假调休). */
  holidays: ReadonlySet<string>;
  /** Dates worked although they may be Sat/Sun (make-up workdays, 调休上班). Wins over `holidays`. */
  workdays: ReadonlySet<string>;
};

/** One editable row of a county's calendar, e.g. seeded from the State Council notice. */
export type CalendarDay = { date: string; kind: "holiday" | "workday"; name: string };

export type DurationUnit = "hours" | "days" | "workingHours" | "workingDays" | "months";

/** `amount` is ≥ 0 and may be fractional. */
export type TDuration = { amount: number; unit: DurationUnit };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, "0"));

export const EMPTY_CALENDAR: CalendarOverrides = { holidays: new Set(), workdays: new Set() };

/** Builds the lookup sets from editable rows; a date listed as both kinds counts as a workday. */
export function calendarFromDays(days: Iterable<Pick<CalendarDay, "date" | "kind">>): CalendarOverrides {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const { date, kind } of days) {
    parseDayNumber(date); // reject malformed rows early instead of silently never matching
    (kind === "holiday" ? holidays : workdays).add(date);
  }
  return { holidays, workdays };
}

/** Workday override first, then holiday, then Monday–Friday. */
export function isWorkingDate(date: string, calendar: CalendarOverrides): boolean {
  const day = parseDayNumber(date);
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return isWeekday(day);
}

/** A "YYYY-MM-DD" date `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  return formatDayNumber(parseDayNumber(date) + days);
}

/** The Asia/Shanghai calendar date of an instant. */
export function localDateOf(instant: Date): string {
  return formatDayNumber(dayNumberOf(validTime(instant)));
}

/**
 * Adds a duration to `start`.
 *
 * - `hours`: start + amount hours. `days`: start + amount × 24 h (calendar time, no calendar lookup).
 * - Working units accrue only on working dates, 24 h per working date. We deliberately don't model
 *   office hours: deadlines in the statutes are counted in whole days.
 * - `workingDays`: counting starts at 00:00 of the first working date AFTER the start's date — the rest
 *   of the start day never counts (期间开始之日不计算在内, "自次日起计算"). N whole working days therefore
 *   end at 24:00 (= 00:00 of the next calendar day) of the N-th working date; a fraction continues
 *   proportionally into the next working date (2.5 → 12:00 of the 3rd working date).
 * - `workingHours`: accrues from `start` itself if the start's date is a working date, otherwise from
 *   00:00 of the next working date.
 * - Amount 0 returns `start` for calendar units and the start of the counting window for working units.
 * - An end exactly at a day boundary is reported as 24:00 of the last working date, never pushed past
 *   following non-working days.
 * - The amount is rounded to whole milliseconds once, so results carry no float drift and `hours`/`days`
 *   are exactly additive for amounts that are whole milliseconds.
 *
 * - `months` counts as the law does (民法典 第二百零一至二百零三条): from the day after the start's
 *   date, N months end at 24:00 of the same day of the month N months on, or of that month's last
 *   day when it has no such day (01-31 + 1 month → 02-28); when that last day is off work, the period
 *   ends on the next working date. A fraction (a ladder's 80 % rung) runs proportionally into the
 *   following month, without that roll.
 *
 * Runs in O(calendar days spanned + override count); see `dayClassifier`.
 */
export function addDuration(start: Date, duration: TDuration, calendar: CalendarOverrides): Date {
  const startMs = validTime(start);
  const { amount, unit } = duration;
  if (!Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`Duration amount must be a finite number ≥ 0, got ${amount}`);
  }
  switch (unit) {
    case "hours":
      return new Date(startMs + Math.round(amount * HOUR_MS));
    case "days":
      return new Date(startMs + Math.round(amount * DAY_MS));
    case "workingHours": {
      const isWorking = dayClassifier(calendar);
      const startDay = dayNumberOf(startMs);
      const from = isWorking(startDay) ? startMs : midnightOf(nextWorkingDay(startDay, isWorking));
      return new Date(accrue(from, Math.round(amount * HOUR_MS), isWorking));
    }
    case "workingDays": {
      const isWorking = dayClassifier(calendar);
      const from = midnightOf(nextWorkingDay(dayNumberOf(startMs), isWorking));
      return new Date(accrue(from, Math.round(amount * DAY_MS), isWorking));
    }
    case "months": {
      const whole = Math.floor(amount);
      const end = monthEnds(startMs);
      if (amount === whole && whole > 0) {
        const lastDay = dayNumberOf(end(whole) - 1);
        const isWorking = dayClassifier(calendar);
        return new Date(midnightOf((isWorking(lastDay) ? lastDay : nextWorkingDay(lastDay, isWorking)) + 1));
      }
      const base = end(whole);
      return new Date(base + Math.round((amount - whole) * (end(whole + 1) - base)));
    }
    default:
      throw new RangeError(`Unknown duration unit: ${unit satisfies never}`);
  }
}

/**
 * The inverse of `addDuration`: how much of `unit` runs from `start` to `end`, counted the same
 * way (working units only on working dates, from the same start of the counting window), so
 * that `addDuration(start, { amount, unit })` is `end`, or the end of the last working date
 * before it when `end` falls on a day off. Zero when `end` is not after the window's start.
 */
export function durationBetween(start: Date, end: Date, unit: DurationUnit, calendar: CalendarOverrides): TDuration {
  const startMs = validTime(start);
  const endMs = validTime(end);
  switch (unit) {
    case "hours":
      return { amount: Math.max(0, endMs - startMs) / HOUR_MS, unit };
    case "days":
      return { amount: Math.max(0, endMs - startMs) / DAY_MS, unit };
    case "workingHours":
    case "workingDays": {
      const isWorking = dayClassifier(calendar);
      const startDay = dayNumberOf(startMs);
      const from =
        unit === "workingHours" && isWorking(startDay) ? startMs : midnightOf(nextWorkingDay(startDay, isWorking));
      let worked = 0;
      for (let day = dayNumberOf(from); midnightOf(day) < endMs; day++) {
        if (!isWorking(day)) continue;
        worked += Math.max(0, Math.min(endMs, midnightOf(day + 1)) - Math.max(from, midnightOf(day)));
      }
      return { amount: worked / (unit === "workingDays" ? DAY_MS : HOUR_MS), unit };
    }
    case "months": {
      if (endMs <= startMs) return { amount: 0, unit };
      const end = monthEnds(startMs);
      let whole = 0;
      while (end(whole + 1) <= endMs) whole++;
      return { amount: whole + (endMs - end(whole)) / (end(whole + 1) - end(whole)), unit };
    }
    default:
      throw new RangeError(`Unknown duration unit: ${unit satisfies never}`);
  }
}

/** The instant a local date (YYYY-MM-DD, Asia/Shanghai) ends: 24:00 of it, 00:00 of the next day. */
export function endOfLocalDate(date: string): Date {
  return new Date(midnightOf(parseDayNumber(date) + 1));
}

/** `percent` of a duration in the same unit, e.g. the 80 % warning step of a deadline ladder. */
export function fractionOf(duration: TDuration, percent: number): TDuration {
  if (!Number.isFinite(percent) || percent < 0) {
    throw new RangeError(`Percent must be a finite number ≥ 0, got ${percent}`);
  }
  // Multiply first so 15 × 80 / 100 is exactly 12 instead of 15 × 0.8 = 12.000000000000002.
  return { amount: (duration.amount * percent) / 100, unit: duration.unit };
}

type DayPredicate = (day: number) => boolean;

/**
 * Where whole months counted from `startMs` end, before any roll past a day off: `start` itself
 * for 0, else 24:00 of the corresponding day of the month `n` months on, or of its last day.
 */
function monthEnds(startMs: number): (n: number) => number {
  const [year, month, day] = formatDayNumber(dayNumberOf(startMs)).split("-").map(Number) as [number, number, number];
  return (n) => {
    if (n === 0) return startMs;
    const index = year * 12 + month - 1 + n;
    const endYear = Math.floor(index / 12);
    const endMonth = index % 12;
    const lastOfMonth = new Date(Date.UTC(endYear, endMonth + 1, 0)).getUTCDate();
    return midnightOf(Date.UTC(endYear, endMonth, Math.min(day, lastOfMonth)) / DAY_MS + 1);
  };
}

/** `from` must lie on a working date; spends `remainingMs` of working time from there. */
function accrue(from: number, remainingMs: number, isWorking: DayPredicate): number {
  let cursor = from;
  let day = dayNumberOf(from);
  let remaining = remainingMs;
  for (;;) {
    const available = midnightOf(day + 1) - cursor;
    if (remaining <= available) return cursor + remaining;
    remaining -= available;
    day = nextWorkingDay(day, isWorking);
    cursor = midnightOf(day);
  }
}

/** First working day strictly after `day`. Terminates because override sets are finite. */
function nextWorkingDay(day: number, isWorking: DayPredicate): number {
  let next = day + 1;
  while (!isWorking(next)) next++;
  return next;
}

/**
 * Working-date test for one addDuration call. Short spans (the common "15 working days") format each
 * day and look it up in the string sets. Once more days have been visited than there are overrides,
 * converting the overrides to day numbers once is cheaper than formatting every further day, so long
 * spans cost O(days + overrides) with no string work per day. Rows that aren't valid dates can never
 * match a formatted day, so they are dropped in the conversion too.
 */
function dayClassifier(calendar: CalendarOverrides): DayPredicate {
  const { holidays, workdays } = calendar;
  const overrideCount = holidays.size + workdays.size;
  if (overrideCount === 0) return isWeekday;
  let lookups = 0;
  let byDay: Map<number, boolean> | undefined;
  return (day) => {
    if (byDay === undefined && ++lookups > overrideCount) {
      byDay = new Map();
      // Workdays last so they win over holidays, as in isWorkingDate.
      for (const date of holidays) setOverride(byDay, date, false);
      for (const date of workdays) setOverride(byDay, date, true);
    }
    if (byDay !== undefined) return byDay.get(day) ?? isWeekday(day);
    const key = formatDayNumber(day);
    if (workdays.has(key)) return true;
    if (holidays.has(key)) return false;
    return isWeekday(day);
  };
}

function setOverride(byDay: Map<number, boolean>, date: string, working: boolean): void {
  const day = tryParseDayNumber(date);
  if (day !== undefined) byDay.set(day, working);
}

/** Monday–Friday. Day 0 (1970-01-01) was a Thursday; weekday 0 = Sunday … 6 = Saturday. */
function isWeekday(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}

function validTime(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  return ms;
}

/** Days since 1970-01-01 in Shanghai local time. */
function dayNumberOf(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant of 00:00 +08:00 on a local day. */
function midnightOf(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

function parseDayNumber(date: string): number {
  const day = tryParseDayNumber(date);
  if (day === undefined) throw new RangeError(`Expected a real date as YYYY-MM-DD, got "${date}"`);
  return day;
}

function tryParseDayNumber(date: string): number | undefined {
  const match = DATE_PATTERN.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const day = Date.UTC(Number(y), Number(m) - 1, Number(d)) / DAY_MS;
  // Date.UTC rolls 02-30 over to March (and maps years 0–99 to 19xx); the round trip rejects both.
  return formatDayNumber(day) === date ? day : undefined;
}

/** Civil date of a day number without allocating a Date (H. Hinnant's civil_from_days); hot path. */
function formatDayNumber(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}
