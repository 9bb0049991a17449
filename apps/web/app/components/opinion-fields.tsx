import { Checkbox, FileInput, Select, Textarea, TextInput } from "@mantine/core";
import type { TCaseCategory } from "@rdlink/core/cases/case-categories";
import type { TFieldDefinition } from "@rdlink/forms";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldInputs, IMAGE_ACCEPT } from "./field-inputs";

/**
 * What every opinion form asks — category, the opinion, the station type's own fields, an
 * optional name and phone (with consent once a phone is typed), photos — worded for the
 * citizen on the public page, or for staff registering for a citizen. The photos come last
 * on purpose: a form sends its fields in page order, and the public form's text fields must
 * reach the server before any photo (see readIntakeForm).
 */
export function OpinionFields({
  categories,
  intakeFields,
  maxPhotos,
  errorOf,
  by,
}: {
  categories: readonly TCaseCategory[];
  intakeFields: TFieldDefinition[];
  maxPhotos: number;
  errorOf: (name: string) => string | undefined;
  by: "citizen" | "staff";
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState("");
  const words =
    by === "citizen"
      ? {
          name: t("intake.name"),
          phone: t("intake.phone"),
          phoneHelp: t("intake.phoneHelp"),
          consent: t("intake.consent"),
        }
      : {
          name: t("work.register.name"),
          phone: t("work.register.phone"),
          phoneHelp: undefined,
          consent: t("work.register.consent"),
        };
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
      <TextInput name="submitterName" label={words.name} maxLength={30} error={errorOf("submitterName")} />
      <TextInput
        name="submitterPhone"
        label={words.phone}
        description={words.phoneHelp}
        inputMode="tel"
        value={phone}
        onChange={(e) => setPhone(e.currentTarget.value)}
        error={errorOf("submitterPhone")}
      />
      {phone.trim() !== "" && <Checkbox name="consent" label={words.consent} error={errorOf("consent")} />}
      {/* Last: the browser sends a form's fields in this order, and the public page's server
          reads every text field (its proof of work among them) before taking a photo's bytes. */}
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
