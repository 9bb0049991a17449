import { Checkbox, FileInput, Select, Textarea, TextInput } from "@mantine/core";
import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import type { TFieldDefinition } from "@rdlink/forms";
import { useState } from "react";
import { useTranslation } from "~/lib/use-translation";
import { FieldInputs, IMAGE_ACCEPT } from "./field-inputs";

/**
 * What staff registering an opinion for a citizen fill in — category, the opinion, the station
 * type's own fields, an optional name and phone (with consent once a phone is typed), photos:
 * the questions of the public form (`PublicOpinionFields`, built without Mantine), worded for
 * staff. The photos come last, as on the public form.
 */
export function OpinionFields({
  categories,
  intakeFields,
  maxPhotos,
  errorOf,
}: {
  categories: readonly TCaseCategory[];
  intakeFields: TFieldDefinition[];
  maxPhotos: number;
  errorOf: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState("");
  return (
    <>
      <Select
        name="category"
        label={t("intake.category")}
        required
        data={categories.map((value) => ({ value, label: t(`cases.categories.${value}`) }))}
        error={errorOf("category")}
        comboboxProps={{ withinPortal: false }}
      />
      <Textarea
        name="content"
        label={t("intake.content")}
        description={t("intake.contentHelp")}
        required
        autosize
        minRows={4}
        maxLength={2000}
        error={errorOf("content")}
      />
      <FieldInputs fields={intakeFields} prefix="fields." errorOf={(key) => errorOf(`fields.${key}`)} />
      <TextInput name="submitterName" label={t("work.register.name")} maxLength={30} error={errorOf("submitterName")} />
      <TextInput
        name="submitterPhone"
        label={t("work.register.phone")}
        inputMode="tel"
        value={phone}
        onChange={(e) => setPhone(e.currentTarget.value)}
        error={errorOf("submitterPhone")}
      />
      {phone.trim() !== "" && <Checkbox name="consent" label={t("work.register.consent")} error={errorOf("consent")} />}
      <FileInput
        name="photos"
        label={t("intake.photos", { max: String(maxPhotos) })}
        accept={IMAGE_ACCEPT}
        multiple
        clearable
        placeholder={t("files.choosePhoto")}
        error={errorOf("photos")}
      />
    </>
  );
}
