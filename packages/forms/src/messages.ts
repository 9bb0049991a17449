/**
 * The i18n keys this package puts in zod issues. Listed so the translation files
 * can be checked against them; the text lives in @rdlink/i18n.
 */

/** Keys a submitted value can be refused with (public, user-facing). */
export const valueMessageKeys = [
  "validation.required",
  "validation.tooLong",
  "validation.notANumber",
  "validation.outOfRange",
  "validation.invalidOption",
  "validation.invalidDate",
  "validation.invalidPhone",
  "validation.invalidReference",
  "validation.invalid",
] as const;

/** Keys a field definition can be refused with (seen by admins editing forms). */
export const definitionMessageKeys = [
  "validation.required",
  "validation.tooLong",
  "validation.tooMany",
  "validation.outOfRange",
  "validation.notANumber",
  "validation.invalid",
  "validation.invalidFieldKey",
  "validation.notAllowed",
  "validation.duplicateKey",
  "validation.duplicateOption",
  "validation.minAboveMax",
] as const;

export type TValueMessageKey = (typeof valueMessageKeys)[number];
export type TDefinitionMessageKey = (typeof definitionMessageKeys)[number];

/**
 * zod's `error` option: "required" when nothing was given, `key` otherwise.
 * Only for issues the schema itself raises (wrong type); checks carry their own key.
 */
export function typeError(key: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? "validation.required" : key) };
}
