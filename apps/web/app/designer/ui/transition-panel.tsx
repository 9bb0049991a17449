import {
  ActionIcon,
  Button,
  Divider,
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
} from "@mantine/core";
import {
  actionLibrary,
  actorRoles,
  guardLibrary,
  notifyTargets,
  type TLibraryRef,
  type TTransition,
  type TWorkflowDefinition,
} from "@rdlink/workflow";
import { IconTrash } from "@tabler/icons-react";
import { useContext } from "react";
import { useTranslation } from "react-i18next";
import {
  actionParams,
  FieldChoicesContext,
  guardParams,
  type ParamInput,
  TeamChoicesContext,
  UnitChoicesContext,
} from "../library-params";
import type { Commit } from "./state-panel";

/** What the panel edits of a transition: label, event, target, who may take it, its guard and actions. */
export function TransitionPanel({
  id,
  from,
  transition,
  definition,
  readOnly,
  onChange,
}: {
  id: string;
  from: string;
  transition: TTransition;
  definition: TWorkflowDefinition;
  readOnly: boolean;
  onChange: Commit<TTransition>;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const stateOptions = Object.entries(definition.states).map(([value, s]) => ({ value, label: s.label["zh-CN"] }));
  const teams = useContext(TeamChoicesContext);
  // A team the county no longer has stays listed (validation names it), by its key.
  const teamOptions = [
    ...teams.map((team) => ({ value: team.key, label: team.name })),
    ...(transition.teams ?? [])
      .filter((key) => !teams.some((team) => team.key === key))
      .map((key) => ({ value: key, label: key })),
  ];
  return (
    <Stack gap="xs" data-testid="transition-panel">
      <Text size="xs" c="dimmed">
        {definition.states[from]?.label["zh-CN"]} →{" "}
        {definition.states[transition.target]?.label["zh-CN"] ?? transition.target}
      </Text>
      <TextInput
        label={t("designer.labelZh")}
        value={transition.label["zh-CN"]}
        readOnly={readOnly}
        onChange={(e) => onChange({ label: { ...transition.label, "zh-CN": e.currentTarget.value } }, `${id}:label`)}
      />
      <TextInput
        label={t("designer.event")}
        description={t("designer.eventHint")}
        value={transition.event}
        readOnly={readOnly}
        onChange={(e) => onChange({ event: e.currentTarget.value.toUpperCase() }, `${id}:event`)}
      />
      <Select
        label={t("designer.target")}
        value={transition.target}
        readOnly={readOnly}
        allowDeselect={false}
        searchable
        data={stateOptions}
        onChange={(target) => target && onChange({ target })}
      />
      <MultiSelect
        label={t("designer.roles")}
        value={transition.roles}
        readOnly={readOnly}
        data={actorRoles.map((role) => ({ value: role, label: tr(`designer.actorRoles.${role}`) }))}
        onChange={(roles) => onChange({ roles: roles as TTransition["roles"] })}
      />
      {(teams.length > 0 || (transition.teams ?? []).length > 0) && (
        <MultiSelect
          label={t("designer.teams")}
          description={t("designer.teamsHint")}
          value={transition.teams ?? []}
          readOnly={readOnly}
          data={teamOptions}
          onChange={(chosen) => onChange({ teams: chosen.length > 0 ? chosen : undefined })}
        />
      )}
      <Switch
        label={t("designer.auto")}
        description={t("designer.autoHint")}
        checked={transition.auto === true}
        disabled={readOnly}
        onChange={(e) => onChange({ auto: e.currentTarget.checked || undefined })}
      />
      <Divider label={t("designer.guard")} labelPosition="left" />
      <LibraryRefEditor
        kind="guard"
        value={transition.guard}
        definition={definition}
        readOnly={readOnly}
        mergeKey={`${id}:guard`}
        onChange={(guard, mergeKey) => onChange({ guard }, mergeKey)}
      />
      <Divider label={t("designer.actions")} labelPosition="left" />
      {transition.actions.map((action, index) => (
        <Paper key={`${index}-${action.type}`} withBorder p={6}>
          <Group justify="flex-end" gap={0}>
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              disabled={readOnly}
              aria-label={t("designer.remove")}
              onClick={() => onChange({ actions: transition.actions.filter((_, i) => i !== index) })}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
          <LibraryRefEditor
            kind="action"
            value={action}
            definition={definition}
            readOnly={readOnly}
            mergeKey={`${id}:action${index}`}
            onChange={(next, mergeKey) =>
              next && onChange({ actions: transition.actions.map((a, i) => (i === index ? next : a)) }, mergeKey)
            }
          />
        </Paper>
      ))}
      {!readOnly && (
        <Button
          size="compact-xs"
          variant="light"
          onClick={() =>
            onChange({
              actions: [
                ...transition.actions,
                { type: "notify", params: { to: "assignee", template: "case.updated" } },
              ],
            })
          }
        >
          {t("designer.addAction")}
        </Button>
      )}
    </Stack>
  );
}

/** A guard or an action: the entry picked from the library, then one input per parameter. */
function LibraryRefEditor({
  kind,
  value,
  definition,
  readOnly,
  mergeKey,
  onChange,
}: {
  kind: "guard" | "action";
  value: TLibraryRef | undefined;
  definition: TWorkflowDefinition;
  readOnly: boolean;
  mergeKey: string;
  onChange: (value: TLibraryRef | undefined, mergeKey?: string) => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const library = kind === "guard" ? guardLibrary : actionLibrary;
  const paramsOf = (type: string): ParamInput[] => (kind === "guard" ? guardParams : actionParams)[type as never] ?? [];
  const fields = useContext(FieldChoicesContext);
  const units = useContext(UnitChoicesContext);
  const params = value?.params ?? {};
  // A guard on a field with choices (问题类别…) picks its value among them, by label.
  const chosenField = fields.find((f) => f.key === params.field);
  const setParam = (name: string, paramValue: unknown, key?: string) =>
    value && onChange({ ...value, params: { ...params, [name]: paramValue } }, key);
  const select = (name: string, data: string[] | { value: string; label: string }[]) => (
    <Select
      size="xs"
      key={name}
      label={tr(`designer.params.${name}`)}
      value={typeof params[name] === "string" ? (params[name] as string) : null}
      readOnly={readOnly}
      searchable
      data={data}
      onChange={(v) => setParam(name, v ?? undefined)}
    />
  );
  return (
    <Stack gap={4}>
      <Select
        size="xs"
        aria-label={tr(`designer.${kind}`)}
        value={value?.type ?? null}
        readOnly={readOnly}
        clearable={kind === "guard"}
        allowDeselect={kind === "guard"}
        placeholder={kind === "guard" ? t("designer.noGuard") : undefined}
        data={Object.keys(library).map((type) => ({ value: type, label: tr(`designer.library.${type}`) }))}
        onChange={(type) => onChange(type ? { type, params: {} } : undefined)}
      />
      {value &&
        paramsOf(value.type).map((param) => {
          const label = tr(`designer.params.${param.name}`);
          const current = params[param.name];
          switch (param.input) {
            case "field": {
              const known = fields.map((f) => ({ value: f.key, label: f.label }));
              const unknown = typeof current === "string" && !fields.some((f) => f.key === current);
              return select(param.name, unknown ? [...known, { value: current, label: current }] : known);
            }
            case "handlingUnit": {
              const known = units.map((u) => ({ value: u.id, label: u.name }));
              const gone = typeof current === "string" && !units.some((u) => u.id === current);
              return select(
                param.name,
                gone ? [...known, { value: current, label: t("designer.unknownUnit") }] : known,
              );
            }
            case "counter":
              return select(param.name, definition.counters);
            case "caseDate":
              return select(param.name, definition.caseDates);
            case "notifyTarget":
              return select(
                param.name,
                notifyTargets.map((to) => ({ value: to, label: tr(`designer.notifyTargets.${to}`) })),
              );
            case "choice":
              return select(
                param.name,
                param.options.map((o) => ({ value: o, label: tr(`${param.labels ?? "designer.ops"}.${o}`) })),
              );
            case "number":
              return (
                <NumberInput
                  size="xs"
                  key={param.name}
                  label={label}
                  value={typeof current === "number" ? current : ""}
                  readOnly={readOnly}
                  onChange={(n) =>
                    setParam(param.name, typeof n === "number" ? n : undefined, `${mergeKey}:${param.name}`)
                  }
                />
              );
            case "roles":
              return (
                <MultiSelect
                  size="xs"
                  key={param.name}
                  label={label}
                  value={Array.isArray(current) ? (current as string[]) : []}
                  readOnly={readOnly}
                  data={actorRoles.map((role) => ({ value: role, label: tr(`designer.actorRoles.${role}`) }))}
                  onChange={(roles) => setParam(param.name, roles)}
                />
              );
            case "list":
              if (chosenField?.options)
                return (
                  <MultiSelect
                    size="xs"
                    key={param.name}
                    label={label}
                    value={Array.isArray(current) ? current.map(String) : []}
                    readOnly={readOnly}
                    data={chosenField.options}
                    onChange={(values) => setParam(param.name, values)}
                  />
                );
              return (
                <TextInput
                  size="xs"
                  key={param.name}
                  label={label}
                  value={Array.isArray(current) ? current.join(",") : ""}
                  readOnly={readOnly}
                  onChange={(e) =>
                    setParam(
                      param.name,
                      e.currentTarget.value
                        .split(/[,，]/)
                        .map((s) => s.trim())
                        .filter(Boolean),
                      `${mergeKey}:${param.name}`,
                    )
                  }
                />
              );
            case "json":
              return (
                <JsonParam
                  key={param.name}
                  label={label}
                  value={current}
                  readOnly={readOnly}
                  onChange={(v) => setParam(param.name, v, `${mergeKey}:${param.name}`)}
                />
              );
            default:
              if (param.name === "value" && chosenField?.options) return select(param.name, chosenField.options);
              return (
                <TextInput
                  size="xs"
                  key={param.name}
                  label={label}
                  value={current === undefined ? "" : String(current)}
                  readOnly={readOnly}
                  onChange={(e) => setParam(param.name, e.currentTarget.value, `${mergeKey}:${param.name}`)}
                />
              );
          }
        })}
    </Stack>
  );
}

/** Nested guards (allOf/anyOf) as JSON: kept as typed until it parses. */
function JsonParam({
  label,
  value,
  readOnly,
  onChange,
}: {
  label: string;
  value: unknown;
  readOnly: boolean;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  return (
    <Textarea
      size="xs"
      autosize
      label={label}
      ff="monospace"
      readOnly={readOnly}
      defaultValue={JSON.stringify(value ?? [], null, 1)}
      onBlur={(e) => {
        try {
          onChange(JSON.parse(e.currentTarget.value));
        } catch {
          e.currentTarget.setCustomValidity(t("designer.invalidJson"));
        }
      }}
    />
  );
}
