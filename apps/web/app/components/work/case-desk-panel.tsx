import { Badge, Group, Paper, Stack, Text, Title, Tooltip } from "@mantine/core";
import type { TCaseHolder, TExpectedStep } from "@rdlink/core/cases/case-desk";
import type { TDeadlineCountdown } from "@rdlink/core/cases/deadline-countdown";
import type { TLocalizedText } from "@rdlink/forms";
import { useLocalized } from "~/components/field-inputs";
import { DEADLINE_COLOR } from "~/lib/deadline-colors";
import { useTranslation } from "~/lib/use-translation";
import { useDayWords, useDeadlineWords } from "./deadline-words";

type Deadline = keyof typeof DEADLINE_COLOR;

/** A role, the citizen or the system in the user's words ("联络站联络员", "市民", "系统"). */
export function useActorLabel() {
  const { t } = useTranslation();
  return (role: string) => {
    if (role === "citizen" || role === "system") return t(`work.actors.${role}`);
    return t(`roles.${role}` as "roles.deputy", { defaultValue: t("work.actors.other") });
  };
}

/** Who holds the case, in one phrase: "金陵村联络站的联络站联络员", a team's name, "市民". */
export function useHolderLabel() {
  const { t } = useTranslation();
  const actor = useActorLabel();
  return (holder: TCaseHolder) => {
    if (holder.role === "citizen") return t("work.desk.citizen");
    if (holder.role === "system") return t("work.desk.system");
    if (holder.role === "team") return t("work.desk.holder", { who: holder.place ?? actor("other") });
    const who = actor(holder.role);
    return t("work.desk.holder", { who: holder.place ? t("work.desk.at", { place: holder.place, role: who }) : who });
  };
}

/**
 * The case's urgency and ownership at a glance: its state, the deadline in words, who holds
 * it now (by the names the county gave) and the steps expected of them.
 */
export function CaseDeskPanel({
  stateLabel,
  deadline,
  countdown,
  provisional,
  unattended,
  holder,
  next,
  yours,
  askedDueBy,
}: {
  stateLabel: TLocalizedText;
  deadline: Deadline;
  countdown: TDeadlineCountdown | null;
  provisional: boolean;
  unattended: boolean;
  holder: TCaseHolder | null;
  next: TExpectedStep[];
  yours: boolean;
  askedDueBy: string | null;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const words = useDeadlineWords();
  const dayWords = useDayWords();
  const holderLabel = useHolderLabel();
  const deadlineWords = countdown ? words(countdown) : null;
  return (
    <Paper withBorder p="md" mb="md" data-testid="case-desk">
      <Stack gap={6}>
        <Group gap="xs">
          <Badge size="lg" data-testid="case-state">
            {localized(stateLabel)}
          </Badge>
          {deadline !== "none" && (
            <Badge size="lg" color={DEADLINE_COLOR[deadline]} variant="light" data-testid="case-deadline">
              {deadlineWords ? deadlineWords.left : t(`work.deadlines.${deadline}`)}
            </Badge>
          )}
          {deadline !== "none" && deadlineWords && (
            <Text size="sm" c="dimmed" data-testid="case-deadline-date">
              {deadlineWords.by}
            </Text>
          )}
          {deadline !== "none" && provisional && (
            <Tooltip label={t("work.provisionalDeadlineHint")} multiline w={280}>
              <Badge color="orange" variant="outline" data-testid="case-deadline-provisional">
                {t("work.provisionalDeadline")}
              </Badge>
            </Tooltip>
          )}
          {unattended && (
            <Tooltip label={t("work.unattendedHint")} multiline w={280}>
              <Badge color="red" variant="outline" data-testid="case-unattended">
                {t("work.unattended")}
              </Badge>
            </Tooltip>
          )}
          {yours && (
            <Badge color="teal" variant="filled" data-testid="case-yours">
              {t("work.desk.yours")}
            </Badge>
          )}
        </Group>
        {holder ? (
          <>
            <Text fw={600} data-testid="case-holder">
              {t("work.desk.title")}：{holderLabel(holder)}
            </Text>
            {holder.role !== "citizen" && holder.role !== "system" && (
              <Text size="sm" c="dimmed" data-testid="case-holder-people">
                {holder.people.length > 0
                  ? t("work.desk.people", { names: holder.people.join("、") })
                  : t("work.desk.nobody")}
              </Text>
            )}
            {askedDueBy && (
              <Text size="sm" data-testid="case-asked-due">
                {t("work.desk.askedBy", { date: dayWords(askedDueBy) })}
              </Text>
            )}
            {next.length > 0 && (
              <Title order={6} data-testid="case-next">
                {t("work.desk.next")}：{next.map((step) => localized(step.label)).join(" / ")}
              </Title>
            )}
          </>
        ) : (
          <Text fw={600} data-testid="case-holder">
            {t("work.desk.closed")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
