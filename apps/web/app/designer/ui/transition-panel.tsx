import {
  ActionIcon,
  Button,
  Divider,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { actorRoles, type TTransition, type TWorkflowDefinition } from "@rdlink/workflow";
import { IconTrash } from "@tabler/icons-react";
import { useContext } from "react";
import { useTranslation } from "react-i18next";
import { fieldKeysOf } from "../document";
import { TeamChoicesContext } from "../library-params";
import { AdvancedSwitch, useAdvanced } from "./advanced";
import { FormFields } from "./form-fields";
import { LibraryRefEditor } from "./library-ref-editor";
import type { Commit } from "./panel-edits";

/**
 * What the panel edits of a transition: label, event, target, who may take it, its guard and
 * actions, and, for a step that stays where it is, its own form.
 */
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
  const advanced = useAdvanced();
  // A team the county no longer has stays listed (validation names it), by its key.
  const teamOptions = [
    ...teams.map((team) => ({ value: team.key, label: team.name })),
    ...(transition.teams ?? [])
      .filter((key) => !teams.some((team) => team.key === key))
      .map((key) => ({ value: key, label: key })),
  ];
  return (
    <Stack gap="xs" data-testid="transition-panel">
      <AdvancedSwitch />
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
      {advanced && (
        <TextInput
          label={t("designer.event")}
          description={t("designer.eventHint")}
          value={transition.event}
          readOnly={readOnly}
          onChange={(e) => onChange({ event: e.currentTarget.value.toUpperCase() }, `${id}:event`)}
        />
      )}
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
      {/* A step that keeps the case where it is may ask its own questions (a 面商's minutes). */}
      {transition.target === from && (
        <>
          <Divider label={t("designer.stepForm")} labelPosition="left" />
          <Text size="xs" c="dimmed">
            {t("designer.stepFormHint")}
          </Text>
          <FormFields
            id={`${id}:form`}
            fields={transition.form ?? []}
            fieldKeys={fieldKeysOf(definition)}
            readOnly={readOnly}
            onChange={(form, mergeKey) => onChange({ form: form.length > 0 ? form : undefined }, mergeKey)}
          />
        </>
      )}
    </Stack>
  );
}
