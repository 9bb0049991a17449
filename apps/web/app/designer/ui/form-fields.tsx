import { ActionIcon, Button, Group, Paper, Select, Stack, Switch, Textarea, TextInput } from "@mantine/core";
import { fieldTypes, type TFieldDefinition } from "@rdlink/forms";
import { IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { freeId } from "../document";
import { removeAt, replaceAt } from "./panel-edits";

/** A form's fields (a step's form, the start form): label, key, type, required, and the choices of a select. */
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
