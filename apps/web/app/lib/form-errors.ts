import { useTranslation } from "react-i18next";
import type { FormFailure } from "./actions.server";

/** Translated field and form errors from an action's answer. */
export function useFormErrors(actionData: unknown) {
  const { t } = useTranslation();
  const failure = actionData && (actionData as FormFailure).ok === false ? (actionData as FormFailure) : null;
  const translate = (key: string | undefined) =>
    key ? (t as (k: string, v?: Record<string, string>) => string)(key, failure?.values) : undefined;
  return {
    field: (name: string) => translate(failure?.fieldErrors[name]),
    form: translate(failure?.formError),
    /** Every field error, for forms whose field paths are not one input each. */
    all: Object.values(failure?.fieldErrors ?? {}).map((key) => translate(key)!),
  };
}
