import { TextInput } from "@mantine/core";
import type { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";

/** Name, duties and address of a handling unit, for the new-unit and edit dialogs. */
export function HandlingUnitFields({
  errors,
  unit,
}: {
  errors: ReturnType<typeof useFormErrors>;
  unit?: { name: string; duties: string | null; address: string | null };
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        name="name"
        label={t("handlingUnits.name")}
        defaultValue={unit?.name}
        required
        error={errors.field("name")}
        data-autofocus
      />
      <TextInput
        name="duties"
        label={t("handlingUnits.duties")}
        description={t("handlingUnits.dutiesHint")}
        defaultValue={unit?.duties ?? ""}
        error={errors.field("duties")}
      />
      <TextInput
        name="address"
        label={t("handlingUnits.address")}
        defaultValue={unit?.address ?? ""}
        error={errors.field("address")}
      />
    </>
  );
}
