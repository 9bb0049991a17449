import { useTranslation } from "~/lib/use-translation";
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
    /** The first error at `path` or under it (`customFields.2` covers `customFields.2.options.0.value`). */
    under: (path: string) => {
      const key = Object.keys(failure?.fieldErrors ?? {}).find((k) => k === path || k.startsWith(`${path}.`));
      return key ? translate(failure?.fieldErrors[key]) : undefined;
    },
    /** Every field error, for forms whose field paths are not one input each. */
    all: Object.values(failure?.fieldErrors ?? {}).map((key) => translate(key)!),
  };
}
