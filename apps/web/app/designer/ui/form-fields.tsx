import { ActionIcon, Button, Group, Paper, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import { fieldTypes, newOptionValue, type TFieldDefinition, type TFieldOption } from "@rdlink/forms";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { freeId } from "../document";
import { useAdvanced } from "./advanced";
import { removeAt, replaceAt } from "./panel-edits";

const hasOptions = (field: TFieldDefinition): field is Extract<TFieldDefinition, { options: TFieldOption[] }> =>
  field.type === "select" || field.type === "multiSelect";

/**
 * A form's fields (a step's form, the start form): label, type, required, and the choices of a
 * select, each by its label. A field's key and a choice's value are generated when it is added
 * and never follow its label; they show, and can be edited, only in 高级.
 */
export function FormFields({
  id,
  fields,
  fieldKeys,
  readOnly,
  onChange,
}: {
  id: string;
  fields: TFieldDefinition[];
  /** The keys every form of the workflow uses: a new field's key is free among them. */
  fieldKeys: ReadonlySet<string>;
  readOnly: boolean;
  onChange: (fields: TFieldDefinition[], mergeKey?: string) => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string) => string;
  const advanced = useAdvanced();
  const set = (index: number, patch: Partial<TFieldDefinition>, mergeKey?: string) =>
    onChange(replaceAt(fields, index, { ...fields[index], ...patch } as TFieldDefinition), mergeKey);
  const setOptions = (index: number, options: TFieldOption[], mergeKey?: string) =>
    set(index, { options } as Partial<TFieldDefinition>, mergeKey);
  return (
    <Stack gap={6}>
      {fields.map((field, index) => (
        <Paper key={`${index}-${field.type}`} withBorder p={6} data-testid={`field-${index}`}>
          <Group gap={4} wrap="nowrap" align="flex-end">
            <TextInput
              size="xs"
              style={{ flex: 1 }}
              label={t("designer.fieldLabel")}
              value={field.label["zh-CN"]}
              readOnly={readOnly}
              onChange={(e) =>
                set(index, { label: { ...field.label, "zh-CN": e.currentTarget.value } }, `${id}:f${index}:label`)
              }
            />
            {advanced && (
              <TextInput
                size="xs"
                w={90}
                label={t("designer.fieldKey")}
                value={field.key}
                readOnly={readOnly}
                onChange={(e) => set(index, { key: e.currentTarget.value }, `${id}:f${index}:key`)}
              />
            )}
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
                    ...(choice ? { options: [{ value: "o1", label: { "zh-CN": t("designer.newOption") } }] } : {}),
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
          {hasOptions(field) && (
            <Stack gap={2} mt={4} data-testid="field-options">
              <Text size="xs" fw={500}>
                {t("designer.fieldOptions")}
              </Text>
              {field.options.map((option, o) => (
                <Group key={`${o}-${option.value}`} gap={4} wrap="nowrap">
                  <TextInput
                    size="xs"
                    style={{ flex: 1 }}
                    aria-label={`${t("designer.optionLabel")} ${o + 1}`}
                    value={option.label["zh-CN"]}
                    readOnly={readOnly}
                    onChange={(e) =>
                      setOptions(
                        index,
                        replaceAt(field.options, o, {
                          ...option,
                          label: { ...option.label, "zh-CN": e.currentTarget.value },
                        }),
                        `${id}:f${index}:o${o}:label`,
                      )
                    }
                  />
                  {advanced && (
                    <TextInput
                      size="xs"
                      w={80}
                      aria-label={`${t("designer.optionValue")} ${o + 1}`}
                      value={option.value}
                      readOnly={readOnly}
                      onChange={(e) =>
                        setOptions(
                          index,
                          replaceAt(field.options, o, { ...option, value: e.currentTarget.value }),
                          `${id}:f${index}:o${o}:value`,
                        )
                      }
                    />
                  )}
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    disabled={readOnly || field.options.length <= 1}
                    aria-label={`${t("designer.removeOption")} ${o + 1}`}
                    onClick={() => setOptions(index, removeAt(field.options, o))}
                  >
                    <IconTrash size={12} />
                  </ActionIcon>
                </Group>
              ))}
              {!readOnly && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconPlus size={12} />}
                  style={{ alignSelf: "flex-start" }}
                  onClick={() =>
                    setOptions(index, [
                      ...field.options,
                      { value: newOptionValue(field.options), label: { "zh-CN": t("designer.newOption") } },
                    ])
                  }
                >
                  {t("designer.addOption")}
                </Button>
              )}
            </Stack>
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
                key: freeId("field", (k) => fieldKeys.has(k) || fields.some((f) => f.key === k)),
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
