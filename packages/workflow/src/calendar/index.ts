export { CHINA_PUBLIC_HOLIDAYS, defaultCalendarDays, type PublicHolidayYear } from "./china-holidays";
export {
  addDuration,
  type CalendarDay,
  type CalendarOverrides,
  calendarFromDays,
  type DurationUnit,
  EMPTY_CALENDAR,
  fractionOf,
  isWorkingDate,
  localDateOf,
  type TDuration,
} from "./working-time";
