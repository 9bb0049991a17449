import {
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from "@mantine/core";
import { systemClock } from "@rdlink/core/clock";
import type { TFieldDefinition } from "@rdlink/forms";
import { roles } from "@rdlink/vocabulary/roles";
import type { CalendarOverrides, TWorkflowDefinition } from "@rdlink/workflow";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Simulation, type SimulationOutcome, type SimulationRole } from "../simulation";

/** A well-formed id for reference fields (handling unit, deputy, image): the simulation touches no data. */
const SAMPLE_REFERENCE = "00000000-0000-4000-8000-000000000001";
const ROLES: SimulationRole[] = [...roles, "citizen"];

const shanghaiTime = (date: Date, language: string) =>
  date.toLocaleString(language, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" });

/** Runs one case through the (valid) draft: pick a role, fill the step's form, send events, move the clock. */
export function SimulationPanel({
  definition,
  calendar,
  onActiveState,
}: {
  definition: TWorkflowDefinition | null;
  calendar: CalendarOverrides;
  onActiveState: (state: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const [, setStep] = useState(0);
  const [role, setRole] = useState<SimulationRole>("station_liaison");
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [refusal, setRefusal] = useState<SimulationOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = (sim: Simulation | null) => {
    setSimulation(sim);
    setStep((n) => n + 1);
    setValues({});
    onActiveState(sim?.state ?? null);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  if (!definition) {
    return (
      <Alert color="yellow" data-testid="simulation-blocked">
        {t("designer.sim.cannotSimulate")}
      </Alert>
    );
  }
  if (!simulation || simulation.definition !== definition) {
    return (
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t("designer.sim.intro")}
        </Text>
        <Button
          loading={busy}
          onClick={() => run(async () => refresh(await Simulation.start(definition, calendar, systemClock.now())))}
        >
          {t("designer.sim.start")}
        </Button>
      </Stack>
    );
  }

  const state = definition.states[simulation.state]!;
  const events = simulation.eventsFor(role);
  const next = simulation.pendingTimers()[0];
  const labelOf = (stateId: string | null) => (stateId ? (definition.states[stateId]?.label["zh-CN"] ?? stateId) : "");
  const send = (event: string) =>
    run(async () => {
      const outcome = await simulation.send(event, role, values);
      setRefusal(outcome.ok ? null : outcome);
      if (outcome.ok) refresh(simulation);
    });

  return (
    <Stack gap="xs" data-testid="simulation">
      <Group justify="space-between">
        <Text size="sm">
          {t("designer.sim.activeState")}：
          <Badge color={simulation.done ? "gray" : "teal"} data-testid="sim-state">
            {state.label["zh-CN"]}
          </Badge>
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => refresh(null)}>
          {t("designer.sim.reset")}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" data-testid="sim-clock">
        {t("designer.sim.clock")}：{shanghaiTime(simulation.now, i18n.language)}
      </Text>
      <Select
        label={t("designer.sim.actingRole")}
        value={role}
        allowDeselect={false}
        data={ROLES.map((r) => ({ value: r, label: tr(`designer.actorRoles.${r}`) }))}
        onChange={(r) => r && setRole(r as SimulationRole)}
      />
      {!simulation.done && events.length > 0 && (
        <Paper withBorder p="xs">
          <Stack gap={6}>
            {state.form.map((field) => (
              <StepField
                key={field.key}
                field={field}
                value={values[field.key]}
                error={refusal && !refusal.ok ? refusal.fieldErrors?.[field.key] : undefined}
                onChange={(value) => setValues((v) => ({ ...v, [field.key]: value }))}
              />
            ))}
            <Group gap={6}>
              {events.map((transition) => (
                <Button key={transition.index} size="xs" loading={busy} onClick={() => send(transition.event)}>
                  {transition.label["zh-CN"]}
                </Button>
              ))}
            </Group>
          </Stack>
        </Paper>
      )}
      {!simulation.done && events.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("designer.sim.noEvents")}
        </Text>
      )}
      {refusal && !refusal.ok && (
        <Alert color="red" role="alert" p="xs">
          {tr(`designer.sim.refused.${refusal.code}`)}
        </Alert>
      )}
      <Button
        variant="light"
        size="xs"
        disabled={!next || busy}
        onClick={() =>
          run(async () => {
            await simulation.advanceToNextDeadline();
            setRefusal(null);
            refresh(simulation);
          })
        }
      >
        {next
          ? tr("designer.sim.advanceClock", { at: shanghaiTime(next.dueAt, i18n.language) })
          : t("designer.sim.noDeadlines")}
      </Button>
      <Text size="sm" fw={600}>
        {t("designer.sim.trace")}
      </Text>
      <Timeline bulletSize={14} lineWidth={2} active={simulation.trace().length} data-testid="sim-trace">
        {simulation.trace().map((entry) => {
          const from = definition.states[entry.fromState ?? ""];
          const transition = from?.transitions.find((x) => x.event === entry.type);
          const timer = entry.actorRole === "system";
          // A rung that only notifies: named by its deadline and rung.
          const deadline = from?.deadlines.find((d) => d.id === entry.data.deadlineId);
          const rung = deadline?.ladder.find((r) => r.id === entry.data.rungId);
          const title =
            entry.seq === 1
              ? t("designer.sim.started")
              : (transition?.label["zh-CN"] ??
                (rung ? `${deadline?.label["zh-CN"]} · ${rung.label["zh-CN"]}` : entry.type));
          return (
            <Timeline.Item
              key={entry.seq}
              title={
                <Text size="xs" fw={600}>
                  {title}
                  {timer ? ` · ${t("designer.sim.byClock")}` : ""}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {shanghaiTime(entry.at, i18n.language)} · {tr(`designer.actorRoles.${entry.actorRole}`)}
              </Text>
              <Text size="xs">
                {entry.fromState ? `${labelOf(entry.fromState)} → ` : ""}
                {labelOf(entry.toState)}
              </Text>
              {entry.notifications.map((n) => (
                <Text size="xs" c="blue" key={n.actionIndex}>
                  ✉ {tr("designer.sim.notified", { to: tr(`designer.notifyTargets.${String(n.payload.to)}`) })}
                </Text>
              ))}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Stack>
  );
}

function StepField({
  field,
  value,
  error,
  onChange,
}: {
  field: TFieldDefinition;
  value: unknown;
  error?: string;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string) => string;
  const common = {
    label: field.label["zh-CN"],
    required: field.required,
    error: error ? tr(error) : undefined,
    size: "xs" as const,
  };
  const options =
    "options" in field && field.options ? field.options.map((o) => ({ value: o.value, label: o.label["zh-CN"] })) : [];
  switch (field.type) {
    case "longText":
      return <Textarea {...common} value={String(value ?? "")} onChange={(e) => onChange(e.currentTarget.value)} />;
    case "number":
      return <NumberInput {...common} value={typeof value === "number" ? value : ""} onChange={(n) => onChange(n)} />;
    case "select":
      return <Select {...common} data={options} value={(value as string) ?? null} onChange={onChange} />;
    case "multiSelect":
      return <MultiSelect {...common} data={options} value={(value as string[]) ?? []} onChange={onChange} />;
    case "yesNo":
      return (
        <Switch label={common.label} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />
      );
    case "date":
      return (
        <TextInput
          {...common}
          type="date"
          value={String(value ?? "")}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case "image":
    case "handlingUnit":
    case "deputy":
      return (
        <Select
          {...common}
          data={[{ value: SAMPLE_REFERENCE, label: t("designer.sim.sampleReference") }]}
          value={(value as string) ?? null}
          onChange={onChange}
        />
      );
    default:
      return <TextInput {...common} value={String(value ?? "")} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}
