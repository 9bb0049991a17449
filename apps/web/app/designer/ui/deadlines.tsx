import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { durationUnits, notifyTargets, type TDeadline, type TRung, type TState } from "@rdlink/workflow";
import { IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { freeId } from "../document";
import { removeAt, replaceAt } from "./panel-edits";

/** A state's deadlines: how long, counted from when, and the ladder of reminders and system events as time runs. */
export function Deadlines({
  id,
  state,
  caseDates,
  readOnly,
  onChange,
}: {
  id: string;
  state: TState;
  caseDates: string[];
  readOnly: boolean;
  onChange: (deadlines: TDeadline[], mergeKey?: string) => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const deadlines = state.deadlines;
  const systemEvents = [
    ...new Set(state.transitions.filter((tr) => tr.roles.includes("system")).map((tr) => tr.event)),
  ];
  // An event is offered by the label of the transition it takes (its name is for 高级 only).
  const eventChoice = (event: string) => ({
    value: event,
    label: state.transitions.find((x) => x.event === event)?.label["zh-CN"] || event,
  });
  const set = (index: number, patch: Partial<TDeadline>, mergeKey?: string) =>
    onChange(replaceAt(deadlines, index, { ...deadlines[index]!, ...patch }), mergeKey);
  const setRung = (index: number, rungIndex: number, patch: Partial<TRung>, mergeKey?: string) => {
    const ladder = deadlines[index]!.ladder;
    set(index, { ladder: replaceAt(ladder, rungIndex, { ...ladder[rungIndex]!, ...patch }) }, mergeKey);
  };
  return (
    <Stack gap={6}>
      {deadlines.map((deadline, index) => (
        <Paper key={deadline.id} withBorder p={6} data-testid={`deadline-${deadline.id}`}>
          <Group gap={4} wrap="nowrap" align="flex-end">
            <TextInput
              size="xs"
              label={t("designer.deadlineLabel")}
              value={deadline.label["zh-CN"]}
              readOnly={readOnly}
              onChange={(e) =>
                set(index, { label: { ...deadline.label, "zh-CN": e.currentTarget.value } }, `${id}:d${index}:label`)
              }
            />
            <NumberInput
              size="xs"
              w={70}
              min={0.1}
              label={t("designer.amount")}
              value={deadline.duration.amount}
              readOnly={readOnly}
              onChange={(amount) =>
                set(
                  index,
                  { duration: { ...deadline.duration, amount: Number(amount) || 0 } },
                  `${id}:d${index}:amount`,
                )
              }
            />
            <Select
              size="xs"
              w={100}
              label={t("designer.unit")}
              value={deadline.duration.unit}
              readOnly={readOnly}
              allowDeselect={false}
              data={durationUnits.map((unit) => ({ value: unit, label: tr(`designer.units.${unit}`) }))}
              onChange={(unit) => unit && set(index, { duration: { ...deadline.duration, unit } })}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={readOnly}
              aria-label={t("designer.remove")}
              onClick={() => onChange(removeAt(deadlines, index))}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
          <Select
            size="xs"
            mt={4}
            label={t("designer.from")}
            value={typeof deadline.from === "object" ? deadline.from.caseDate : "stateEntry"}
            readOnly={readOnly}
            allowDeselect={false}
            data={[
              { value: "stateEntry", label: t("designer.fromStateEntry") },
              ...caseDates.map((date) => ({ value: date, label: tr("designer.fromCaseDate", { date }) })),
            ]}
            onChange={(from) => from && set(index, { from: from === "stateEntry" ? "stateEntry" : { caseDate: from } })}
          />
          <Text size="xs" fw={600} mt={6}>
            {t("designer.ladder")}
          </Text>
          {deadline.ladder.map((rung, rungIndex) => (
            <Group key={rung.id} gap={4} wrap="wrap" mt={2} align="flex-end">
              <TextInput
                size="xs"
                w={110}
                aria-label={t("designer.rungLabel")}
                value={rung.label["zh-CN"]}
                readOnly={readOnly}
                onChange={(e) =>
                  setRung(
                    index,
                    rungIndex,
                    { label: { ...rung.label, "zh-CN": e.currentTarget.value } },
                    `${id}:r${index}.${rungIndex}`,
                  )
                }
              />
              <NumberInput
                size="xs"
                w={70}
                suffix="%"
                aria-label={t("designer.atPercent")}
                value={rung.atPercent}
                readOnly={readOnly}
                onChange={(value) =>
                  setRung(index, rungIndex, { atPercent: Number(value) || 0 }, `${id}:p${index}.${rungIndex}`)
                }
              />
              <Select
                size="xs"
                w={110}
                aria-label={t("designer.rungEvent")}
                placeholder={t("designer.rungEvent")}
                value={rung.event ?? null}
                readOnly={readOnly}
                clearable
                data={[...new Set([...systemEvents, ...(rung.event ? [rung.event] : [])])].map(eventChoice)}
                onChange={(event) => setRung(index, rungIndex, { event: event ?? undefined })}
              />
              <Select
                size="xs"
                w={110}
                aria-label={t("designer.rungNotify")}
                placeholder={t("designer.rungNotify")}
                value={rung.notify?.to ?? null}
                readOnly={readOnly}
                clearable
                data={notifyTargets.map((to) => ({ value: to, label: tr(`designer.notifyTargets.${to}`) }))}
                onChange={(to) =>
                  setRung(index, rungIndex, {
                    notify: to
                      ? { to: to as never, template: rung.notify?.template ?? "case.deadline.due" }
                      : undefined,
                  })
                }
              />
            </Group>
          ))}
          {!readOnly && (
            <Button
              size="compact-xs"
              variant="subtle"
              mt={4}
              onClick={() =>
                set(index, {
                  ladder: [
                    ...deadline.ladder,
                    {
                      id: freeId("rung", (r) => deadline.ladder.some((x) => x.id === r)),
                      label: { "zh-CN": t("designer.newRung") },
                      atPercent: 100,
                      notify: { to: "assignee", template: "case.deadline.due" },
                    },
                  ],
                })
              }
            >
              {t("designer.addRung")}
            </Button>
          )}
        </Paper>
      ))}
      {!readOnly && (
        <Button
          size="compact-xs"
          variant="light"
          onClick={() =>
            onChange([
              ...deadlines,
              {
                id: freeId("deadline", (d) => deadlines.some((x) => x.id === d)),
                label: { "zh-CN": t("designer.newDeadline") },
                duration: { amount: 5, unit: "workingDays" },
                from: "stateEntry",
                ladder: [
                  {
                    id: "due",
                    label: { "zh-CN": t("designer.newRung") },
                    atPercent: 100,
                    notify: { to: "assignee", template: "case.deadline.due" },
                  },
                ],
              },
            ])
          }
        >
          {t("designer.addDeadline")}
        </Button>
      )}
    </Stack>
  );
}
