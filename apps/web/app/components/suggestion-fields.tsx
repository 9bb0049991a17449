import { Select, Textarea, TextInput } from "@mantine/core";
import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import type { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import { DeputyPicker } from "./deputy-picker";

/** What every suggestion form asks: title, content, category, sector and the seconding deputies. */
export function SuggestionFields({ errors }: { errors: ReturnType<typeof useFormErrors> }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        name="title"
        label={t("sessions.suggestionTitle")}
        required
        maxLength={100}
        error={errors.field("title")}
      />
      <Textarea
        name="content"
        label={t("sessions.content")}
        required
        autosize
        minRows={4}
        maxLength={4000}
        error={errors.field("content")}
      />
      <Select
        name="category"
        label={t("sessions.category")}
        data={CASE_CATEGORIES.map((value) => ({ value, label: t(`cases.categories.${value}`) }))}
        clearable
        error={errors.field("category")}
      />
      <TextInput name="sector" label={t("sessions.sector")} maxLength={40} error={errors.field("sector")} />
      <DeputyPicker
        name="coDeputyIds"
        label={t("sessions.coDeputies")}
        description={t("sessions.mine.coDeputiesHint")}
        error={errors.field("coDeputyIds")}
      />
    </>
  );
}
