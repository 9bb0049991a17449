import type { TDeadlineCountdown } from "@rdlink/core/cases/deadline-countdown";
import type { TFunction } from "i18next";
import { useTranslation } from "~/lib/use-translation";

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/**
 * A deadline in the user's words, the same on the list and the case page: "还剩3个工作日" or
 * "已逾期44天", and when it ends, "12月9日（周三）24:00前".
 */
export function useDeadlineWords() {
  const { t } = useTranslation();
  const leftOf = deadlineLeftWords(t);
  return (countdown: TDeadlineCountdown) => {
    const [, month, day] = countdown.date.split("-").map(Number);
    const left = leftOf(countdown);
    const by = t(countdown.overdue ? "work.countdown.was" : "work.countdown.by", {
      month: String(month),
      day: String(day),
      weekday: t(`work.weekdays.${WEEKDAYS[countdown.weekday] ?? "sun"}`),
      time: countdown.time,
    });
    return { left, by };
  };
}

/** Only the time left ("还剩3个工作日", "已逾期44天"): the inbox's rows show no more. */
export function useDeadlineLeftWords() {
  const { t } = useTranslation();
  return deadlineLeftWords(t);
}

function deadlineLeftWords(t: TFunction) {
  return (countdown: TDeadlineCountdown) =>
    countdown.overdue
      ? t("work.countdown.overdue", { count: countdown.daysOverdue })
      : countdown.workingDaysLeft === 0
        ? t("work.countdown.today")
        : t("work.countdown.left", { count: countdown.workingDaysLeft });
}

/** A day (YYYY-MM-DD) in the user's words: "12月9日". */
export function useDayWords() {
  const { t } = useTranslation();
  return (date: string) => {
    const [, month, day] = date.split("-").map(Number);
    return t("work.dayOf", { month: String(month), day: String(day) });
  };
}
