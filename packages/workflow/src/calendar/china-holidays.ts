import officialDays from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { LunarDay, SolarTerm } from "tyme4ts";
import { addDays, type CalendarDay, type CalendarOverrides, calendarFromDays } from "./working-time";

/**
 * China's public holidays for any year a county may count a deadline in.
 *
 * - **Official** years come from `chinese-days`, which transcribes each year's State Council
 *   notice (国务院办公厅关于YYYY年部分节假日安排的通知) with its 调休 make-up workdays, and is
 *   updated when the notice is out (usually in November for the next year).
 * - **Provisional** years are the ones it does not cover yet: the statutory days of
 *   《全国年节及纪念日放假办法》 (2024 revision, in force 2025-01-01), with the lunar festivals and
 *   清明 computed by `tyme4ts`, and a day in lieu (补休) on the next working day for each
 *   statutory day that falls on a weekend. The notice usually bridges more days than this, so a
 *   county confirms or corrects a provisional year once the notice is published.
 */

/** The years a county calendar can hold: chinese-days starts in 2004; lunar tables reach far past 2099. */
export const FIRST_CALENDAR_YEAR = 2004;
export const LAST_CALENDAR_YEAR = 2099;

export type HolidayYear = {
  year: number;
  /** True when computed from the statutes rather than transcribed from the year's notice. */
  provisional: boolean;
  source: string;
  /** Holidays and make-up workdays, sorted by date. */
  days: CalendarDay[];
};

const OFFICIAL_SOURCE = "国务院办公厅关于{year}年部分节假日安排的通知（chinese-days 数据）";
const PROVISIONAL_SOURCE =
  "暂定：按《全国年节及纪念日放假办法》（2024年修订）推算的法定节假日及周末补休，未含调休安排；待国务院通知发布后确认";

type Dataset = Record<"holidays" | "workdays", Record<string, string>>;

/** "Spring Festival,春节,4" → 春节 */
const chineseName = (entry: string) => entry.split(",")[1] ?? entry;

function officialYear(year: number): CalendarDay[] {
  const prefix = `${year}-`;
  const rows: CalendarDay[] = [];
  const { holidays, workdays } = officialDays as Dataset;
  for (const [date, entry] of Object.entries(holidays)) {
    if (date.startsWith(prefix)) rows.push({ date, kind: "holiday", name: chineseName(entry) });
  }
  for (const [date, entry] of Object.entries(workdays)) {
    if (date.startsWith(prefix)) rows.push({ date, kind: "workday", name: `${chineseName(entry)}调休上班` });
  }
  return rows;
}

const isoDate = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

const dateOf = (day: { getYear(): number; getMonth(): number; getDay(): number }) =>
  isoDate(day.getYear(), day.getMonth(), day.getDay());

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** The statutory days of 《全国年节及纪念日放假办法》 in `year`, one group per festival. */
function statutoryGroups(year: number): { name: string; dates: string[] }[] {
  const lunar = (month: number, day: number) => dateOf(LunarDay.fromYmd(year, month, day).getSolarDay());
  const springFestival = lunar(1, 1);
  const run = (first: string, count: number) => Array.from({ length: count }, (_, i) => addDays(first, i));
  return [
    { name: "元旦", dates: [isoDate(year, 1, 1)] },
    // 除夕 to 正月初三. 除夕 is the day before 正月初一, whether the twelfth month has 29 or 30 days.
    { name: "春节", dates: run(addDays(springFestival, -1), 4) },
    { name: "清明节", dates: [dateOf(SolarTerm.fromName(year, "清明").getJulianDay().getSolarDay())] },
    { name: "劳动节", dates: run(isoDate(year, 5, 1), 2) },
    { name: "端午节", dates: [lunar(5, 5)] },
    { name: "中秋节", dates: [lunar(8, 15)] },
    { name: "国庆节", dates: run(isoDate(year, 10, 1), 3) },
  ];
}

function provisionalYear(year: number): CalendarDay[] {
  const groups = statutoryGroups(year);
  const statutory = new Set(groups.flatMap((group) => group.dates));
  const placed = new Set<string>();
  const rows: CalendarDay[] = [];
  const place = (date: string, name: string) => {
    placed.add(date);
    rows.push({ date, kind: "holiday", name });
  };
  for (const { name, dates } of groups) {
    // A statutory day on a Saturday or Sunday, or on another festival's day (中秋 on 国庆),
    // is made up (补休) on the next working day after the festival.
    let owed = 0;
    for (const date of dates) {
      if (placed.has(date)) owed++;
      else {
        place(date, name);
        if (isWeekend(date)) owed++;
      }
    }
    let cursor = dates[dates.length - 1]!;
    while (owed > 0) {
      cursor = addDays(cursor, 1);
      if (isWeekend(cursor) || placed.has(cursor) || statutory.has(cursor) || !cursor.startsWith(`${year}-`)) continue;
      place(cursor, `${name}补休`);
      owed--;
    }
  }
  return rows;
}

/** Whether `year` lies in the range a county calendar supports. */
export const isSupportedCalendarYear = (year: number) =>
  Number.isInteger(year) && year >= FIRST_CALENDAR_YEAR && year <= LAST_CALENDAR_YEAR;

const computed = new Map<number, HolidayYear>();

/** The holidays of `year`: the notice's where it is known, else computed and provisional. */
export function chinaHolidayYear(year: number): HolidayYear {
  if (!isSupportedCalendarYear(year)) throw new RangeError(`No holiday calendar for ${year}`);
  const known = computed.get(year);
  if (known) return { ...known, days: [...known.days] };
  const official = officialYear(year);
  const provisional = official.length === 0;
  const days = (provisional ? provisionalYear(year) : official).sort((a, b) => a.date.localeCompare(b.date));
  const entry = {
    year,
    provisional,
    source: provisional ? PROVISIONAL_SOURCE : OFFICIAL_SOURCE.replace("{year}", String(year)),
    days,
  };
  computed.set(year, entry);
  return { ...entry, days: [...days] };
}

/**
 * China's holidays in every supported year but `except`: what a county's deadlines count by
 * in the years its own calendar does not hold.
 */
export function chinaHolidaysExcept(except: ReadonlySet<number>): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let year = FIRST_CALENDAR_YEAR; year <= LAST_CALENDAR_YEAR; year++) {
    if (!except.has(year)) days.push(...chinaHolidayYear(year).days);
  }
  return days;
}

/** China's part of a county's calendar, by the years the county holds itself (`countyCalendar`). */
const chinaParts = new Map<string, CalendarOverrides>();

/**
 * A county's calendar: its own days, and China's holidays in every supported year it does not hold
 * (`heldYears`). The same as `calendarFromDays([...own, ...chinaHolidaysExcept(held)])`, but China's
 * part (some 1,900 days, 2.6 ms to check and index) is built once per set of held years, which most
 * counties share, and copied: a worker firing deadlines across thousands of counties builds their
 * calendars again every half minute.
 */
export function countyCalendar(
  own: Iterable<Pick<CalendarDay, "date" | "kind">>,
  heldYears: Iterable<number>,
): CalendarOverrides {
  const held = [...new Set(heldYears)].sort((a, b) => a - b);
  const key = held.join(",");
  let china = chinaParts.get(key);
  if (!china) {
    china = calendarFromDays(chinaHolidaysExcept(new Set(held)));
    if (chinaParts.size >= 64) chinaParts.clear();
    chinaParts.set(key, china);
  }
  const mine = calendarFromDays(own);
  return {
    holidays: new Set([...china.holidays, ...mine.holidays]),
    workdays: new Set([...china.workdays, ...mine.workdays]),
  };
}

/** Rows for seeding a county's editable calendar. */
export function defaultCalendarDays(year: number): CalendarDay[] {
  return chinaHolidayYear(year).days;
}
