import type { TFunction } from "i18next";

/** Template keys are i18n keys under `notifications.templates`; anything else reads as the generic text. */
const TEMPLATE_KEY = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*){1,3}$/;

/**
 * The sentence a notification (or an outbox message) shows: its template's text with the
 * case title filled in, or the generic text for a template this version does not know.
 */
export function notificationText(
  t: TFunction,
  template: string | null,
  params: Record<string, string> | null | undefined,
  fallbackTitle?: string | null,
): string {
  const title = params?.title || fallbackTitle || t("notifications.untitled");
  const values = { ...params, title };
  const generic = t("notifications.generic", values);
  if (!template || !TEMPLATE_KEY.test(template)) return generic;
  const text = (t as (key: string, options: object) => unknown)(`notifications.templates.${template}`, {
    ...values,
    defaultValue: generic,
    returnObjects: true,
  });
  // A key that names a group of templates (e.g. `case.deadline`) is no template either.
  return typeof text === "string" ? text : generic;
}
