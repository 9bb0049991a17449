import { CASE_CATEGORIES } from "@rdlink/core/cases/case-categories";
import type { TState } from "@rdlink/workflow";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { fieldChoices } from "../../library-params";
import type { DesignerData } from "../designer-data";

/** The fields guards and actions may name: the start form's (with the stations' intake fields), then each step's form. */
export function useFieldChoices(
  states: Record<string, TState> | undefined,
  intakeFields: DesignerData["intakeFields"],
) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  return useMemo(() => {
    if (!states) return [];
    const startFields = [
      { key: "content", label: { "zh-CN": t("designer.startFields.content") } },
      {
        key: "category",
        label: { "zh-CN": t("designer.startFields.category") },
        options: CASE_CATEGORIES.map((value) => ({ value, label: { "zh-CN": tr(`cases.categories.${value}`) } })),
      },
      ...intakeFields.map((f) => ({ key: f.key, label: f.label, options: "options" in f ? f.options : undefined })),
    ];
    return fieldChoices(states, startFields, t("designer.startForm"));
  }, [states, intakeFields, t, tr]);
}
