import {
  ActionIcon,
  Button,
  Divider,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { roles } from "@rdlink/db/roles";
import { fieldTypes, type TFieldDefinition } from "@rdlink/forms";
import {
  assigneeScopes,
  durationUnits,
  notifyTargets,
  stateKinds,
  type TDeadline,
  type TRung,
  type TState,
} from "@rdlink/workflow";
import { IconTrash } from "@tabler/icons-react";
import { useContext } from "react";
import { useTranslation } from "react-i18next";
import { freeId } from "../document";
import { TeamChoicesContext } from "../library-params";

export type Commit<T> = (patch: Partial<T>, mergeKey?: string) => void;

/** What the panel edits of a state: label, kind, desk, the step's form, deadlines and their ladder. */
export function StatePanel({
  id,
  state,
  initial,
  caseDates,
  readOnly,
  onChange,
  onSetInitial,
}: {
  id: string;
  state: TState;
  initial: boolean;
  caseDates: string[];
  readOnly: boolean;
  onChange: Commit<TState>;
  onSetInitial: () => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const key = (name: string) => `${id}:${name}`;
  const teams = useContext(TeamChoicesContext);
  return (
    <Stack gap="xs" data-testid="state-panel">
      <Text size="xs" c="dimmed">
        {t("designer.stateId")}: {id}
      </Text>
      <TextInput
        label={t("designer.labelZh")}
        value={state.label["zh-CN"]}
        readOnly={readOnly}
        onChange={(e) => onChange({ label: { ...state.label, "zh-CN": e.currentTarget.value } }, key("labelZh"))}
      />
      <TextInput
        label={t("designer.labelEn")}
        value={state.label.en ?? ""}
        readOnly={readOnly}
        onChange={(e) =>
          onChange({ label: { ...state.label, en: e.currentTarget.value || undefined } }, key("labelEn"))
        }
      />
      <Select
        label={t("designer.kind")}
        value={state.kind}
        readOnly={readOnly}
        allowDeselect={false}
        data={stateKinds.map((kind) => ({ value: kind, label: tr(`designer.kinds.${kind}`) }))}
        onChange={(kind) => kind && onChange({ kind: kind as TState["kind"] })}
      />
      {state.kind !== "final" && (
        <Group grow gap="xs">
          <Select
            label={t("designer.assigneeRole")}
            value={state.assignee?.role ?? null}
            readOnly={readOnly}
            clearable={state.kind !== "task"}
            data={[...roles, "citizen", "team"].map((role) => ({
              value: role,
              label: tr(`designer.actorRoles.${role}`),
            }))}
            onChange={(role) =>
              onChange({
                assignee: role
                  ? {
                      role: role as NonNullable<TState["assignee"]>["role"],
                      scope: role === "team" ? "county" : (state.assignee?.scope ?? "county"),
                      ...(role === "team" ? { team: teams[0]?.key } : {}),
                    }
                  : undefined,
              })
            }
          />
          {state.assignee?.role === "team" ? (
            <Select
              label={t("designer.assigneeTeam")}
              value={state.assignee.team ?? null}
              readOnly={readOnly}
              allowDeselect={false}
              placeholder={teams.length === 0 ? t("designer.noTeams") : undefined}
              data={teams.map((team) => ({ value: team.key, label: team.name }))}
              onChange={(team) => state.assignee && team && onChange({ assignee: { ...state.assignee, team } })}
            />
          ) : (
            <Select
              label={t("designer.assigneeScope")}
              value={state.assignee?.scope ?? null}
              readOnly={readOnly}
              disabled={!state.assignee}
              allowDeselect={false}
              data={assigneeScopes.map((scope) => ({ value: scope, label: tr(`designer.scopes.${scope}`) }))}
              onChange={(scope) =>
                state.assignee && scope && onChange({ assignee: { ...state.assignee, scope: scope as never } })
              }
            />
          )}
        </Group>
      )}
      <Switch
        label={t("designer.initial")}
        checked={initial}
        disabled={readOnly || initial}
        onChange={() => onSetInitial()}
      />
      {state.kind !== "final" && (
        <>
          <Divider label={t("designer.form")} labelPosition="left" />
          <FormFields
            id={id}
            fields={state.form}
            readOnly={readOnly}
            onChange={(form, mergeKey) => onChange({ form }, mergeKey)}
          />
          <Divider label={t("designer.deadlines")} labelPosition="left" />
          <Deadlines
            id={id}
            state={state}
            caseDates={caseDates}
            readOnly={readOnly}
            onChange={(deadlines, mergeKey) => onChange({ deadlines }, mergeKey)}
          />
        </>
      )}
    </Stack>
  );
}

const replaceAt = <T,>(list: T[], index: number, value: T) => list.map((item, i) => (i === index ? value : item));
const removeAt = <T,>(list: T[], index: number) => list.filter((_, i) => i !== index);

export function FormFields({
  id,
  fields,
  readOnly,
  onChange,
}: {
  id: string;
  fields: TFieldDefinition[];
  readOnly: boolean;
  onChange: (fields: TFieldDefinition[], mergeKey?: string) => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string) => string;
  const set = (index: number, patch: Partial<TFieldDefinition>, mergeKey?: string) =>
    onChange(replaceAt(fields, index, { ...fields[index], ...patch } as TFieldDefinition), mergeKey);
  return (
    <Stack gap={6}>
      {fields.map((field, index) => (
        <Paper key={`${index}-${field.type}`} withBorder p={6}>
          <Group gap={4} wrap="nowrap" align="flex-end">
            <TextInput
              size="xs"
              label={t("designer.fieldLabel")}
              value={field.label["zh-CN"]}
              readOnly={readOnly}
              onChange={(e) =>
                set(index, { label: { ...field.label, "zh-CN": e.currentTarget.value } }, `${id}:f${index}:label`)
              }
            />
            <TextInput
              size="xs"
              w={90}
              label={t("designer.fieldKey")}
              value={field.key}
              readOnly={readOnly}
              onChange={(e) => set(index, { key: e.currentTarget.value }, `${id}:f${index}:key`)}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={readOnly}
              aria-label={t("designer.remove")}
              onClick={() => onChange(removeAt(fields, index))}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
          <Group gap={4} mt={4} wrap="nowrap">
            <Select
              size="xs"
              value={field.type}
              readOnly={readOnly}
              allowDeselect={false}
              aria-label={t("designer.fieldType")}
              data={fieldTypes.map((type) => ({ value: type, label: tr(`stations.fieldTypes.${type}`) }))}
              onChange={(type) => {
                if (!type) return;
                const { options: _o, min: _min, max: _max, maxLength: _ml, ...rest } = field as Record<string, unknown>;
                const choice = type === "select" || type === "multiSelect";
                onChange(
                  replaceAt(fields, index, {
                    ...rest,
                    type,
                    ...(choice ? { options: [{ value: "a", label: { "zh-CN": "选项一" } }] } : {}),
                  } as TFieldDefinition),
                );
              }}
            />
            <Switch
              size="xs"
              label={t("designer.fieldRequired")}
              checked={field.required}
              disabled={readOnly}
              onChange={(e) => set(index, { required: e.currentTarget.checked })}
            />
          </Group>
          {(field.type === "select" || field.type === "multiSelect") && (
            <Textarea
              size="xs"
              mt={4}
              autosize
              label={t("designer.fieldOptions")}
              readOnly={readOnly}
              value={field.options.map((o) => `${o.value}=${o.label["zh-CN"]}`).join("\n")}
              onChange={(e) =>
                set(
                  index,
                  {
                    options: e.currentTarget.value
                      .split("\n")
                      .filter((line) => line.trim() !== "")
                      .map((line) => {
                        const [value = "", ...label] = line.split("=");
                        return { value: value.trim(), label: { "zh-CN": label.join("=").trim() || value.trim() } };
                      }),
                  } as Partial<TFieldDefinition>,
                  `${id}:f${index}:options`,
                )
              }
            />
          )}
        </Paper>
      ))}
      {!readOnly && (
        <Button
          size="compact-xs"
          variant="light"
          onClick={() =>
            onChange([
              ...fields,
              {
                key: freeId("field", (k) => fields.some((f) => f.key === k)),
                label: { "zh-CN": t("designer.newField") },
                type: "text",
                required: false,
              },
            ])
          }
        >
          {t("designer.addField")}
        </Button>
      )}
    </Stack>
  );
}

function Deadlines({
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
                data={[...new Set([...systemEvents, ...(rung.event ? [rung.event] : [])])]}
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
