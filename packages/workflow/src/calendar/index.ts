export {
  chinaHolidaysExcept,
  chinaHolidayYear,
  defaultCalendarDays,
  FIRST_CALENDAR_YEAR,
  type HolidayYear,
  isSupportedCalendarYear,
  LAST_CALENDAR_YEAR,
} from "./china-holidays";
export {
  addDays,
  addDuration,
  type CalendarDay,
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
