import { z } from "zod";
import { typeError } from "./messages";

/**
 * One field schema for station-type custom fields, workflow step forms and the
 * public intake form. Definitions are stored as JSON and edited by county admins,
 * so every wrong combination is an issue with a path, never a silent drop.
 */

export const fieldTypes = [
  "text",
  "longText",
  "number",
  "select",
  "multiSelect",
  "date",
  "yesNo",
  "phone",
  "image",
  "handlingUnit",
  "deputy",
] as const;
export type TFieldType = (typeof fieldTypes)[number];

/** Field keys become object keys and HTML names: short, ASCII, no leading `_`. */
export const fieldKeyPattern = /^[a-z][a-zA-Z0-9_]{0,39}$/;

const ZLabelString = (min: number) =>
  z.string(typeError("validation.invalid")).trim().min(min, "validation.required").max(200, "validation.tooLong");

/** zh-CN is the working language and always present; en is optional. */
export const ZLocalizedText = z.object(
  { "zh-CN": ZLabelString(1), en: ZLabelString(0).optional() },
  typeError("validation.invalid"),
);
export type TLocalizedText = z.infer<typeof ZLocalizedText>;

export const ZFieldOption = z.object(
  {
    // Trimmed and comma-free because multiSelect also accepts "a,b" from query strings.
    value: z
      .string(typeError("validation.invalid"))
      .trim()
      .min(1, "validation.required")
      .max(60, "validation.tooLong")
      .regex(/^[^,]*$/, "validation.invalid"),
    label: ZLocalizedText,
  },
  typeError("validation.invalid"),
);
export type TFieldOption = z.infer<typeof ZFieldOption>;

const ZFieldOptions = z
  .array(ZFieldOption, typeError("validation.invalid"))
  .min(1, "validation.required")
  .max(100, "validation.tooMany")
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    options.forEach((option, i) => {
      if (seen.has(option.value)) {
        ctx.addIssue({ code: "custom", message: "validation.duplicateOption", path: [i, "value"] });
      }
      seen.add(option.value);
    });
  });

/** A property that does not apply to the field's type: present at all is an error. */
const forbidden = z.never({ error: "validation.notAllowed" }).optional();

const base = {
  key: z.string(typeError("validation.invalid")).regex(fieldKeyPattern, "validation.invalidFieldKey"),
  label: ZLocalizedText,
  required: z.boolean({ error: "validation.invalid" }).default(false),
  help: ZLocalizedText.optional(),
};

const ZTextField = z.object({
  ...base,
  type: z.enum(["text", "longText"]),
  maxLength: z
    .int(typeError("validation.invalid"))
    .min(1, "validation.outOfRange")
    .max(10_000, "validation.outOfRange")
    .optional(),
  options: forbidden,
  min: forbidden,
  max: forbidden,
});

const ZNumberField = z
  .object({
    ...base,
    type: z.literal("number"),
    min: z.number({ error: "validation.notANumber" }).optional(),
    max: z.number({ error: "validation.notANumber" }).optional(),
    options: forbidden,
    maxLength: forbidden,
  })
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, {
    message: "validation.minAboveMax",
    path: ["max"],
  });

const ZChoiceField = z.object({
  ...base,
  type: z.enum(["select", "multiSelect"]),
  options: ZFieldOptions,
  min: forbidden,
  max: forbidden,
  maxLength: forbidden,
});

const ZPlainField = z.object({
  ...base,
  type: z.enum(["date", "yesNo", "phone", "image", "handlingUnit", "deputy"]),
  options: forbidden,
  min: forbidden,
  max: forbidden,
  maxLength: forbidden,
});

export const ZFieldDefinition = z.discriminatedUnion("type", [ZTextField, ZNumberField, ZChoiceField, ZPlainField], {
  // Reached for a non-object and for a missing or unknown `type` (path ["type"]).
  error: (issue) => {
    if (issue.code !== "invalid_union") return typeError("validation.invalid").error(issue);
    const type = (issue.input as { type?: unknown } | undefined)?.type;
    return type === undefined ? "validation.required" : "validation.invalid";
  },
});

/** Parsed (defaults applied): what buildValidator and the rest of the app work with. */
export type TFieldDefinition = z.infer<typeof ZFieldDefinition>;
/** What may be stored or sent: `required` may be left out. */
export type TFieldDefinitionInput = z.input<typeof ZFieldDefinition>;

export const ZFieldList = z
  .array(ZFieldDefinition, typeError("validation.invalid"))
  .max(100, "validation.tooMany")
  .superRefine((fields, ctx) => {
    // Keys name the submitted values; a repeat would let one field overwrite another.
    const seen = new Set<string>();
    fields.forEach((field, i) => {
      if (seen.has(field.key)) {
        ctx.addIssue({ code: "custom", message: "validation.duplicateKey", path: [i, "key"] });
      }
      seen.add(field.key);
    });
  });

export type TFieldList = z.infer<typeof ZFieldList>;
export type TFieldListInput = z.input<typeof ZFieldList>;
