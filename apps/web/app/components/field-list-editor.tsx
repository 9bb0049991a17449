import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { newFieldKey, newOptionValue, type TFieldDefinition, type TFieldType } from "@rdlink/forms";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "~/lib/use-translation";

/** A field while it is being edited: options as text, one label per line. */
type DraftField = {
  key: string;
  type: TFieldType;
  labelZh: string;
  labelEn: string;
  helpZh: string;
  required: boolean;
  optionsText: string;
  /** Values of the options the field had, by label, so that editing a label list keeps stored values. */
  optionValues: Record<string, string>;
  min?: number | string;
  max?: number | string;
  maxLength?: number | string;
};

const CHOICE_TYPES: TFieldType[] = ["select", "multiSelect"];

function toDraft(field: TFieldDefinition): DraftField {
  const options = field.type === "select" || field.type === "multiSelect" ? field.options : [];
  return {
    key: field.key,
    type: field.type,
    labelZh: field.label["zh-CN"],
    labelEn: field.label.en ?? "",
    helpZh: field.help?.["zh-CN"] ?? "",
    required: field.required,
    optionsText: options.map((o) => o.label["zh-CN"]).join("\n"),
    optionValues: Object.fromEntries(options.map((o) => [o.label["zh-CN"], o.value])),
    min: field.type === "number" ? field.min : undefined,
    max: field.type === "number" ? field.max : undefined,
    maxLength: field.type === "text" || field.type === "longText" ? field.maxLength : undefined,
  };
}

const number = (value: number | string | undefined) =>
  value === undefined || value === "" || Number.isNaN(Number(value)) ? undefined : Number(value);

/** The draft as the field schema stores it; the server validates it (and says where it is wrong). */
function fromDraft(draft: DraftField): Record<string, unknown> {
  const field: Record<string, unknown> = {
    key: draft.key.trim(),
    type: draft.type,
    label: { "zh-CN": draft.labelZh, ...(draft.labelEn.trim() ? { en: draft.labelEn } : {}) },
    required: draft.required,
  };
  if (draft.helpZh.trim()) field.help = { "zh-CN": draft.helpZh };
  if (CHOICE_TYPES.includes(draft.type)) {
    // A label the field had keeps its stored value; a new one gets a generated value (o<n>).
    const options: { value: string; label: { "zh-CN": string } }[] = [];
    const labels = draft.optionsText
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const kept = new Set(labels.flatMap((label) => draft.optionValues[label] ?? []));
    for (const label of labels) {
      const value = draft.optionValues[label] ?? newOptionValue([...[...kept].map((v) => ({ value: v })), ...options]);
      options.push({ value, label: { "zh-CN": label } });
    }
    field.options = options;
  }
  if (draft.type === "number") {
    if (number(draft.min) !== undefined) field.min = number(draft.min);
    if (number(draft.max) !== undefined) field.max = number(draft.max);
  }
  if ((draft.type === "text" || draft.type === "longText") && number(draft.maxLength) !== undefined) {
    field.maxLength = number(draft.maxLength);
  }
  return field;
}

/** A key no other field has yet: field1, field2 … (keys are ASCII; labels carry the Chinese). */
const freeKey = (fields: DraftField[]) => newFieldKey((key) => fields.some((f) => f.key === key), fields.length + 1);

/**
 * Edits a `@rdlink/forms` field list (a station type's custom fields, its public form).
 * The list travels as JSON in one hidden input, `name`; the server's errors come back
 * at `<name>.<index>.<property>` and are shown on the field they concern.
 */
export function FieldListEditor({
  name,
  initial,
  types,
  errorUnder,
  onChange,
}: {
  name: string;
  initial: TFieldDefinition[];
  types: readonly TFieldType[];
  /** The first error at or under a path, e.g. `customFields.2.options`. */
  errorUnder: (path: string) => string | undefined;
  /** Called with the list as it would be saved, after every edit (e.g. for a live preview). */
  onChange?: (fields: Record<string, unknown>[]) => void;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<DraftField[]>(() => initial.map(toDraft));
  // Keys are generated (field1, field2…) and shown only under 高级, for exports and the API.
  const [advanced, setAdvanced] = useState(false);
  const stored = useMemo(() => fields.map(fromDraft), [fields]);
  useEffect(() => onChange?.(stored), [stored, onChange]);
  const update = (index: number, change: Partial<DraftField>) =>
    setFields((list) => list.map((f, i) => (i === index ? { ...f, ...change } : f)));
  const move = (index: number, by: -1 | 1) =>
    setFields((list) => {
      const next = [...list];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });
  const error = (index: number, property: string) => errorUnder(`${name}.${index}.${property}`);
  const typeOptions = types.map((type) => ({ value: type, label: t(`stations.fieldTypes.${type}`) }));

  return (
    <Stack gap="sm">
      <input type="hidden" name={name} value={JSON.stringify(stored)} />
      {fields.length === 0 && (
        <Text c="dimmed" size="sm">
          {t("stations.noFields")}
        </Text>
      )}
      {fields.map((field, index) => (
        <Paper key={index} withBorder p="sm" data-testid={`field-${index}`}>
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <SimpleGrid cols={{ base: 1, sm: advanced || error(index, "key") ? 3 : 2 }} style={{ flex: 1 }}>
                <TextInput
                  label={t("stations.fieldLabel")}
                  value={field.labelZh}
                  onChange={(e) => update(index, { labelZh: e.currentTarget.value })}
                  error={error(index, "label")}
                  required
                />
                <Select
                  label={t("stations.fieldType")}
                  data={typeOptions}
                  value={field.type}
                  onChange={(value) => value && update(index, { type: value as TFieldType })}
                  allowDeselect={false}
                  error={error(index, "type")}
                />
                {(advanced || error(index, "key")) && (
                  <TextInput
                    label={t("stations.fieldKey")}
                    description={t("stations.fieldKeyHint")}
                    value={field.key}
                    onChange={(e) => update(index, { key: e.currentTarget.value })}
                    error={error(index, "key")}
                    ff="monospace"
                    required
                  />
                )}
              </SimpleGrid>
              <Group gap={2} wrap="nowrap" mt={24}>
                <ActionIcon
                  variant="subtle"
                  aria-label={t("common.moveUp")}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={t("common.moveDown")}
                  disabled={index === fields.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`${t("stations.removeField")} ${field.labelZh}`}
                  onClick={() => setFields((list) => list.filter((_, i) => i !== index))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
            {CHOICE_TYPES.includes(field.type) && (
              <Textarea
                label={t("stations.fieldOptions")}
                description={t("stations.fieldOptionsHint")}
                value={field.optionsText}
                onChange={(e) => update(index, { optionsText: e.currentTarget.value })}
                error={error(index, "options")}
                autosize
                minRows={2}
              />
            )}
            <Group gap="md" align="flex-end">
              {field.type === "number" && (
                <>
                  <NumberInput
                    label={t("stations.fieldMin")}
                    value={field.min ?? ""}
                    onChange={(value) => update(index, { min: value })}
                    w={120}
                    error={error(index, "min")}
                  />
                  <NumberInput
                    label={t("stations.fieldMax")}
                    value={field.max ?? ""}
                    onChange={(value) => update(index, { max: value })}
                    w={120}
                    error={error(index, "max")}
                  />
                </>
              )}
              {(field.type === "text" || field.type === "longText") && (
                <NumberInput
                  label={t("stations.fieldMaxLength")}
                  value={field.maxLength ?? ""}
                  onChange={(value) => update(index, { maxLength: value })}
                  min={1}
                  w={140}
                  error={error(index, "maxLength")}
                />
              )}
              <TextInput
                label={t("stations.fieldHelp")}
                value={field.helpZh}
                onChange={(e) => update(index, { helpZh: e.currentTarget.value })}
                style={{ flex: 1, minWidth: 200 }}
              />
              <TextInput
                label={t("stations.fieldLabelEn")}
                value={field.labelEn}
                onChange={(e) => update(index, { labelEn: e.currentTarget.value })}
                w={180}
              />
              <Switch
                label={t("stations.fieldRequired")}
                checked={field.required}
                onChange={(e) => update(index, { required: e.currentTarget.checked })}
                mb={8}
              />
            </Group>
          </Stack>
        </Paper>
      ))}
      <Group justify="space-between">
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setFields((list) => [
              ...list,
              {
                key: freeKey(list),
                type: "text",
                labelZh: "",
                labelEn: "",
                helpZh: "",
                required: false,
                optionsText: "",
                optionValues: {},
              },
            ])
          }
        >
          {t("stations.addField")}
        </Button>
        <Switch
          size="xs"
          label={t("designer.advanced")}
          description={t("stations.advancedHint")}
          checked={advanced}
          onChange={(e) => setAdvanced(e.currentTarget.checked)}
        />
      </Group>
    </Stack>
  );
}
