import type { CalendarDay } from "./working-time";

type NamedDate = { date: string; name: string };

export type PublicHolidayYear = {
  /** Where the dates come from; for provisional years, how they were derived. */
  source: string;
  /** True until the State Council notice for the year is published and transcribed. */
  provisional: boolean;
  holidays: NamedDate[];
  /** Make-up working days (调休上班), usually a Saturday or Sunday. */
  workdays: NamedDate[];
};

/** Expands "M月D日至D日放假" ranges from the notices into one row per date (inclusive). */
function span(name: string, first: string, last: string): NamedDate[] {
  const rows: NamedDate[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end; t += 86_400_000) {
    rows.push({ date: new Date(t).toISOString().slice(0, 10), name });
  }
  return rows;
}

/**
 * Statutory holidays and make-up workdays per year, transcribed from the annual notice
 * 国务院办公厅关于YYYY年部分节假日安排的通知. Counties copy these rows into their own editable
 * calendar (see `defaultCalendarDays`), so a late change by the State Council — or a local
 * deviation — is an edit there, not a code change.
 */
export const CHINA_PUBLIC_HOLIDAYS: Record<number, PublicHolidayYear> = {
  2026: {
    source:
      "国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), https://www.gov.cn/zhengce/content/202511/content_7047090.htm " +
      "(also https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm; Xinhua text e.g. https://politics.gmw.cn/2025-11/04/content_38391083.htm)",
    provisional: false,
    holidays: [
      ...span("元旦", "2026-01-01", "2026-01-03"),
      ...span("春节", "2026-02-15", "2026-02-23"),
      ...span("清明节", "2026-04-04", "2026-04-06"),
      ...span("劳动节", "2026-05-01", "2026-05-05"),
      ...span("端午节", "2026-06-19", "2026-06-21"),
      ...span("中秋节", "2026-09-25", "2026-09-27"),
      ...span("国庆节", "2026-10-01", "2026-10-07"),
    ],
    workdays: [
      { date: "2026-01-04", name: "元旦调休上班" },
      { date: "2026-02-14", name: "春节调休上班" },
      { date: "2026-02-28", name: "春节调休上班" },
      { date: "2026-05-09", name: "劳动节调休上班" },
      { date: "2026-09-20", name: "国庆节调休上班" },
      { date: "2026-10-10", name: "国庆节调休上班" },
    ],
  },
  2027: {
    // No 2027 notice was available when this was written. Until it is, only the statutory days of
    // 《全国年节及纪念日放假办法》 (2024 revision, in force 2025-01-01) are listed, without the
    // 放假调休 bridging, make-up workdays or 补休 for statutory days that fall on a weekend.
    source:
      "PROVISIONAL — 国务院办公厅关于2027年部分节假日安排的通知 not found; statutory days only per " +
      "《全国年节及纪念日放假办法》 (2024-11 revision, effective 2025-01-01): 元旦 1 day, 春节 4 days (除夕–正月初三), " +
      "清明 1, 劳动节 2 (5/1–5/2), 端午 1, 中秋 1, 国庆 3 (10/1–10/3). Lunar/solar-term dates computed: " +
      "正月初一 2027-02-06 (new moon 2027-02-06 23:56 +08:00, so 除夕 = 02-05), 清明 2027-04-05, " +
      "端午 (五月初五) 2027-06-09, 中秋 (八月十五) 2027-09-15. No make-up workdays. Replace with the notice once published.",
    provisional: true,
    holidays: [
      { date: "2027-01-01", name: "元旦" },
      ...span("春节", "2027-02-05", "2027-02-08"),
      { date: "2027-04-05", name: "清明节" },
      ...span("劳动节", "2027-05-01", "2027-05-02"),
      { date: "2027-06-09", name: "端午节" },
      { date: "2027-09-15", name: "中秋节" },
      ...span("国庆节", "2027-10-01", "2027-10-03"),
    ],
    workdays: [],
  },
};

/** Rows for seeding a county's editable calendar; empty for years not in the table. */
export function defaultCalendarDays(year: number): CalendarDay[] {
  const entry = CHINA_PUBLIC_HOLIDAYS[year];
  if (!entry) return [];
  return [
    ...entry.holidays.map(({ date, name }): CalendarDay => ({ date, kind: "holiday", name })),
    ...entry.workdays.map(({ date, name }): CalendarDay => ({ date, kind: "workday", name })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}
