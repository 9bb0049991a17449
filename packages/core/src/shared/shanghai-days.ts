const DAY_MS = 86_400_000;

/**
 * Midnight at the start of a day ("2026-03-01") in Asia/Shanghai: UTC+8 all year, no daylight
 * saving since 1991, so no time zone data is needed (the server's may be missing or wrong).
 */
export const startOfShanghaiDay = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** A period of whole days in Asia/Shanghai, both included, as a half-open span of instants. */
export function shanghaiDaySpan(period: { from: string; to: string }): { start: Date; end: Date } {
  return { start: startOfShanghaiDay(period.from), end: new Date(startOfShanghaiDay(period.to).getTime() + DAY_MS) };
}
