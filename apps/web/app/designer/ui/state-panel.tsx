import { Divider, Group, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import { roles } from "@rdlink/vocabulary/roles";
import { assigneeScopes, stateKinds, type TState } from "@rdlink/workflow";
import { useContext } from "react";
import { useTranslation } from "react-i18next";
import { TeamChoicesContext } from "../library-params";
import { AdvancedSwitch, useAdvanced } from "./advanced";
import { Deadlines } from "./deadlines";
import { FormFields } from "./form-fields";
import type { Commit } from "./panel-edits";

/** What the panel edits of a state: label, kind, desk, the step's form, deadlines and their ladder. */
export function StatePanel({
  id,
  state,
  fieldKeys,
  initial,
  caseDates,
  readOnly,
  onChange,
  onSetInitial,
}: {
  id: string;
  state: TState;
  /** The keys every form of the workflow uses: a new field's key is free among them. */
  fieldKeys: ReadonlySet<string>;
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
  const advanced = useAdvanced();
  return (
    <Stack gap="xs" data-testid="state-panel">
      <AdvancedSwitch />
      {advanced && (
        <Text size="xs" c="dimmed" data-testid="state-id">
          {t("designer.stateId")}: {id}
        </Text>
      )}
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
            fieldKeys={fieldKeys}
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
