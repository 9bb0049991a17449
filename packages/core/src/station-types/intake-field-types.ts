import type { TFieldType } from "@rdlink/forms";

/**
 * What a citizen can be asked on a station's public page: no pickers of county records (deputies,
 * handling units), and no photo or phone field, because every intake form already has its photos
 * and a phone number given with the citizen's consent. Safe to import in the browser.
 */
export const INTAKE_FIELD_TYPES = [
  "text",
  "longText",
  "number",
  "select",
  "multiSelect",
  "date",
  "yesNo",
] as const satisfies readonly TFieldType[];

export function isIntakeFieldType(type: TFieldType): boolean {
  return (INTAKE_FIELD_TYPES as readonly TFieldType[]).includes(type);
}
