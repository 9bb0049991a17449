import {
  Anchor,
  Button,
  FileInput,
  Group,
  Image,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { TFieldDefinition } from "@rdlink/forms";
import { useState } from "react";
import { IMAGE_ACCEPT } from "~/lib/image-accept";
import { useLocalized } from "~/lib/localized";
import { useTranslation } from "~/lib/use-translation";

/** Options for the fields that pick a row of the county (a handling unit, a deputy). */
export type FieldReferences = {
  handlingUnit?: { value: string; label: string }[];
  deputy?: { value: string; label: string }[];
};

/** Photo inputs are named apart from the value they replace: `upload.<key>`. */
export const uploadInputName = (key: string) => `upload.${key}`;
export { IMAGE_ACCEPT, useLocalized };

/**
 * Inputs for a `@rdlink/forms` field list (station custom fields, the public intake
 * form, step forms). Names are `<prefix><key>`, so one form can carry several lists;
 * values come back as strings that the field list's validator normalises.
 */
export function FieldInputs({
  fields,
  values = {},
  errorOf = () => undefined,
  prefix = "",
  references = {},
  disabled = false,
}: {
  fields: TFieldDefinition[];
  values?: Record<string, unknown>;
  errorOf?: (key: string) => string | undefined;
  prefix?: string;
  references?: FieldReferences;
  disabled?: boolean;
}) {
  return (
    <>
      {fields.map((field) => (
        <FieldInput
          key={field.key}
          field={field}
          value={values[field.key]}
          error={errorOf(field.key)}
          name={`${prefix}${field.key}`}
          references={references}
          disabled={disabled}
        />
      ))}
    </>
  );
}

function FieldInput({
  field,
  value,
  error,
  name,
  references,
  disabled,
}: {
  field: TFieldDefinition;
  value: unknown;
  error?: string;
  name: string;
  references: FieldReferences;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const common = {
    name,
    label: localized(field.label),
    description: field.help ? localized(field.help) : undefined,
    required: field.required,
    error,
    disabled,
  };
  const text = value === undefined || value === null ? "" : String(value);
  switch (field.type) {
    case "text":
      return <TextInput {...common} defaultValue={text} maxLength={field.maxLength} />;
    case "longText":
      return <Textarea {...common} defaultValue={text} autosize minRows={2} maxLength={field.maxLength} />;
    case "number":
      return <NumberInput {...common} defaultValue={text} min={field.min} max={field.max} />;
    case "date":
      return <TextInput {...common} type="date" defaultValue={text} />;
    case "phone":
      return <TextInput {...common} type="tel" inputMode="tel" defaultValue={text} />;
    case "select":
      return (
        <Select
          {...common}
          data={field.options.map((o) => ({ value: o.value, label: localized(o.label) }))}
          defaultValue={text || null}
          clearable={!field.required}
          searchable={field.options.length > 8}
        />
      );
    case "multiSelect":
      return (
        <MultiSelect
          {...common}
          data={field.options.map((o) => ({ value: o.value, label: localized(o.label) }))}
          defaultValue={Array.isArray(value) ? value.map(String) : []}
        />
      );
    case "yesNo":
      return (
        <Select
          {...common}
          data={[
            { value: "true", label: t("common.yes") },
            { value: "false", label: t("common.no") },
          ]}
          defaultValue={value === true ? "true" : value === false ? "false" : null}
          clearable={!field.required}
        />
      );
    case "handlingUnit":
    case "deputy":
      return (
        <Select
          {...common}
          data={references[field.type] ?? []}
          defaultValue={text || null}
          searchable
          clearable={!field.required}
        />
      );
    case "image":
      return <ImageFieldInput common={common} fieldKey={field.key} current={text} />;
  }
}

/** A photo field: the stored photo (kept unless replaced or removed) and a file input for a new one. */
function ImageFieldInput({
  common,
  fieldKey,
  current,
}: {
  common: { name: string; label: string; description?: string; required: boolean; error?: string; disabled: boolean };
  fieldKey: string;
  current: string;
}) {
  const { t } = useTranslation();
  const [kept, setKept] = useState(current);
  return (
    <Stack gap={4}>
      <input type="hidden" name={common.name} value={kept} />
      <FileInput
        label={common.label}
        description={common.description}
        error={common.error}
        disabled={common.disabled}
        required={common.required && !kept}
        name={uploadInputName(fieldKey)}
        accept={IMAGE_ACCEPT}
        clearable
        placeholder={t("files.choosePhoto")}
      />
      {kept && (
        <Group gap="xs">
          <Anchor href={`/county/files/${kept}`} target="_blank">
            <Image src={`/county/files/${kept}`} h={64} w="auto" radius="sm" alt={common.label} />
          </Anchor>
          {!common.disabled && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setKept("")}>
              {t("files.removePhoto")}
            </Button>
          )}
        </Group>
      )}
      {!kept && current && (
        <Text size="xs" c="dimmed">
          {t("files.photoRemoved")}
        </Text>
      )}
    </Stack>
  );
}

/** A stored value as the station page shows it. */
export function FieldValue({
  field,
  value,
  references = {},
}: {
  field: TFieldDefinition;
  value: unknown;
  references?: FieldReferences;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  if (value === null || value === undefined || value === "") return <>—</>;
  if (field.type === "image" && typeof value === "string") {
    return (
      <Anchor href={`/county/files/${value}`} target="_blank">
        <Image src={`/county/files/${value}`} h={64} w="auto" radius="sm" alt="" />
      </Anchor>
    );
  }
  if (field.type === "yesNo") return <>{value ? t("common.yes") : t("common.no")}</>;
  const options = field.type === "select" || field.type === "multiSelect" ? field.options : [];
  const optionLabel = (v: unknown) => {
    const option = options.find((o) => o.value === v);
    return option ? localized(option.label) : String(v);
  };
  if (Array.isArray(value)) return <>{value.map(optionLabel).join("、")}</>;
  if (field.type === "select") return <>{optionLabel(value)}</>;
  if (field.type === "handlingUnit" || field.type === "deputy") {
    return <>{references[field.type]?.find((r) => r.value === value)?.label ?? String(value)}</>;
  }
  return <>{String(value)}</>;
}
