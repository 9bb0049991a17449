import type { activities } from "@rdlink/db";

type TAttendedEntry = Pick<typeof activities.$inferSelect, "id" | "day" | "kind" | "peopleReceived">;

/**
 * The activity_deputies rows of an entry's deputies: each carries the entry's day, kind and 接待人次
 * (decision 0031; the foreign key refuses a copy that differs from the entry).
 */
export const attendanceRows = (entry: TAttendedEntry, deputyIds: string[]) =>
  deputyIds.map((deputyId) => ({
    activityId: entry.id,
    deputyId,
    day: entry.day,
    kind: entry.kind,
    peopleReceived: entry.peopleReceived,
  }));
