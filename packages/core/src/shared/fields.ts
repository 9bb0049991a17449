import { z } from "zod";
import { PHONE_PATTERN } from "./phone";

/** Field schemas shared by forms. Messages are i18n keys. */
export const ZName = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, "validation.required")
  .max(60, "validation.tooLong");

export const ZUsername = z
  .string({ error: "validation.required" })
  .trim()
  .toLowerCase()
  .min(3, "validation.usernameLength")
  .max(32, "validation.usernameLength")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "validation.usernameChars");

export const ZId = z.uuid({ error: "validation.invalid" });

/** Free text a form may leave blank: trimmed, and null when empty. */
export const ZOptionalText = (max: number) =>
  z
    .string({ error: "validation.invalid" })
    .trim()
    .max(max, "validation.tooLong")
    .nullish()
    .transform((v) => v || null);

/** A picker a form may leave empty ("" from an unselected Select): null when empty. */
export const ZOptionalId = z
  .union([ZId, z.literal("")], { error: "validation.invalid" })
  .nullish()
  .transform((v) => v || null);

/** A checkbox or switch: "on"/"true" from a form, or a boolean. */
export const ZCheckbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/** An optional mobile or landline number, spaces removed; blank becomes null. */
export const ZOptionalPhone = z
  .string()
  .optional()
  .transform((v) => v?.replace(/\s+/g, "") || null)
  .refine((v) => v === null || PHONE_PATTERN.test(v), "validation.invalidPhone");
