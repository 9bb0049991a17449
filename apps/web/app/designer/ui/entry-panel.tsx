import { Divider, MultiSelect, Stack, Switch, Text } from "@mantine/core";
import type { TRole } from "@rdlink/vocabulary/roles";
import { roles } from "@rdlink/vocabulary/roles";
import type { TWorkflowDefinition } from "@rdlink/workflow";
import { useTranslation } from "react-i18next";
import { fieldKeysOf } from "../document";
import { AdvancedSwitch } from "./advanced";
import { FormFields } from "./form-fields";

type StaffEntry = NonNullable<TWorkflowDefinition["entry"]>["staff"];

/**
 * The workflow as a whole, shown when nothing is selected: how its cases start. Staff
 * registration (工作台登记) names the roles that may register a case and the start form,
 * whose answers guards and later steps can read.
 */
export function EntryPanel({
  definition,
  readOnly,
  onChange,
}: {
  definition: TWorkflowDefinition;
  readOnly: boolean;
  onChange: (staff: StaffEntry, mergeKey?: string) => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string) => string;
  const staff = definition.entry?.staff;
  return (
    <Stack gap="xs" data-testid="entry-panel">
      <Text size="sm" c="dimmed">
        {t("designer.selectHint")}
      </Text>
      <Divider label={t("designer.entry.title")} labelPosition="left" />
      <Switch
        label={t("designer.entry.staff")}
        description={t("designer.entry.staffHint")}
        checked={staff !== undefined}
        disabled={readOnly}
        onChange={(e) => onChange(e.currentTarget.checked ? { roles: ["county_admin"], form: [] } : undefined)}
      />
      {staff && (
        <>
          <MultiSelect
            label={t("designer.entry.roles")}
            value={staff.roles}
            readOnly={readOnly}
            data={roles.map((role) => ({ value: role, label: tr(`designer.actorRoles.${role}`) }))}
            onChange={(chosen) => chosen.length > 0 && onChange({ ...staff, roles: chosen as TRole[] })}
          />
          <Text size="sm" fw={500}>
            {t("designer.entry.form")}
          </Text>
          <AdvancedSwitch />
          <FormFields
            id="entry"
            fields={staff.form}
            fieldKeys={fieldKeysOf(definition)}
            readOnly={readOnly}
            onChange={(form, mergeKey) => onChange({ ...staff, form }, mergeKey)}
          />
        </>
      )}
    </Stack>
  );
}
