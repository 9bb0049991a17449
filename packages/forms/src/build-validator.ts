import { z } from "zod";
import { type TFieldDefinition, type TFieldType, ZFieldList } from "./field-schema";

/**
 * Turns field definitions into a zod schema for submitted values.
 *
 * Parsing happens in two steps so that every field is reported at once:
 * 1. normalize (never fails): coerce what HTML forms send (strings) into the
 *    field's type, then drop missing values (undefined, null, blank, []);
 * 2. validate: a z.object whose issues sit at [field key] and carry i18n keys.
 * Output values are already normal, so parsing an output again returns it unchanged.
 */

const REQUIRED = "validation.required";
const TOO_LONG = "validation.tooLong";
const NOT_A_NUMBER = "validation.notANumber";
const OUT_OF_RANGE = "validation.outOfRange";
const INVALID_OPTION = "validation.invalidOption";
const INVALID_DATE = "validation.invalidDate";
const INVALID_PHONE = "validation.invalidPhone";
const INVALID_REFERENCE = "validation.invalidReference";
const INVALID = "validation.invalid";

const defaultMaxLength: Partial<Record<TFieldType, number>> = { text: 200, longText: 5000 };

const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const mobilePattern = /^1[3-9]\d{9}$/;
const landlinePattern = /^0\d{2,3}-?\d{7,8}$/;
const truthy = new Set(["true", "on", "yes", "1"]);
const falsy = new Set(["false", "off", "no", "0"]);

/** Chinese IMEs often type full-width digits (１３８…), signs and dots. */
function toHalfWidth(s: string): string {
  return s.replace(/[\uFF0B\uFF0D\uFF0E\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

function isMissing(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Coerces a raw value towards the field's type; leaves what it cannot coerce for step 2 to refuse. */
function normalize(field: TFieldDefinition, raw: unknown): unknown {
  switch (field.type) {
    case "text":
      return typeof raw === "string" ? raw.trim() : raw;
    case "longText":
      // Browsers submit textarea line breaks as CRLF, which would count twice against maxLength.
      return typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : raw;
    case "number": {
      const n = typeof raw === "string" && numberPattern.test(toHalfWidth(raw).trim()) ? Number(toHalfWidth(raw)) : raw;
      return n === 0 ? 0 : n; // -0 would not survive JSON
    }
    case "select":
      return typeof raw === "string" ? raw.trim() : raw;
    case "multiSelect": {
      if (typeof raw === "string") {
        return raw
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "");
      }
      return Array.isArray(raw) ? raw.map((v) => (typeof v === "string" ? v.trim() : v)) : raw;
    }
    case "date":
      return typeof raw === "string" ? raw.trim() : raw;
    case "yesNo": {
      if (raw === 1 || raw === 0) return raw === 1;
      if (typeof raw !== "string") return raw;
      const s = raw.trim().toLowerCase();
      return truthy.has(s) ? true : falsy.has(s) ? false : raw;
    }
    case "phone":
      return typeof raw === "string" ? toHalfWidth(raw).replace(/\s/g, "") : raw;
    case "image":
    case "handlingUnit":
    case "deputy":
      return typeof raw === "string" ? raw.trim().toLowerCase() : raw;
  }
}

/** Checks a present, normalized value. */
function valueSchema(field: TFieldDefinition): z.ZodType {
  switch (field.type) {
    case "text":
    case "longText": {
      const max = field.maxLength ?? defaultMaxLength[field.type] ?? 0;
      // Count code points, as PostgreSQL does: rare name characters (𠮷) are two UTF-16 units.
      return z
        .string({ error: INVALID })
        .refine((s) => s.length <= max || [...s].length <= max, { error: TOO_LONG, abort: true });
    }
    case "number": {
      let schema = z.number({ error: NOT_A_NUMBER });
      if (field.min !== undefined) schema = schema.min(field.min, OUT_OF_RANGE);
      if (field.max !== undefined) schema = schema.max(field.max, OUT_OF_RANGE);
      return schema;
    }
    case "select": {
      const values = new Set(field.options.map((o) => o.value));
      return z.string({ error: INVALID_OPTION }).refine((v) => values.has(v), INVALID_OPTION);
    }
    case "multiSelect": {
      const values = new Set(field.options.map((o) => o.value));
      // One issue at [key], not one per element: forms show errors per field.
      return z.array(z.unknown(), { error: INVALID }).superRefine((chosen, ctx) => {
        if (!chosen.every((v) => typeof v === "string" && values.has(v))) {
          ctx.addIssue({ code: "custom", message: INVALID_OPTION });
        } else if (new Set(chosen).size !== chosen.length) {
          ctx.addIssue({ code: "custom", message: INVALID });
        }
      });
    }
    case "date":
      // zod's ISO date pattern knows month lengths and leap years.
      return z.iso.date({ error: INVALID_DATE });
    case "yesNo":
      return z.boolean({ error: INVALID });
    case "phone":
      return z
        .string({ error: INVALID_PHONE })
        .refine((s) => mobilePattern.test(s) || landlinePattern.test(s), INVALID_PHONE);
    case "image":
    case "handlingUnit":
    case "deputy":
      // Only the form of the id; whether it exists in the tenant is the use case's job.
      return z.uuid({ error: INVALID_REFERENCE });
  }
}

/**
 * After normalization a missing value is an absent key, i.e. undefined here.
 * The `: boolean` stops TypeScript inferring a type predicate that would narrow the pipe's input.
 */
const present = z.unknown().refine((v): boolean => v !== undefined, { error: REQUIRED, abort: true });

/**
 * Validators built so far, by their field list's JSON. Building one is dear (the definitions
 * parsed again, a zod object made, and its parser compiled on its first use) and a step's form
 * was built afresh for every step; a deployment's forms are few. Capped, in case they are not.
 */
const built = new Map<string, z.ZodType<Record<string, unknown>>>();
const MAX_BUILT = 2_000;

/**
 * The schema for values submitted against `fields`, built once per field list (equal lists
 * share it: a schema holds no state). The definitions are parsed again first: they come from
 * storage, and a broken one is a bug.
 *
 * @throws ZodError when `fields` is not a valid TFieldList (e.g. duplicate keys).
 */
export function buildValidator(fields: readonly TFieldDefinition[]): z.ZodType<Record<string, unknown>> {
  const key = JSON.stringify(fields);
  let validator = built.get(key);
  if (!validator) {
    validator = validatorOf(fields);
    if (built.size >= MAX_BUILT) built.clear();
    built.set(key, validator);
  }
  return validator;
}

function validatorOf(fields: readonly TFieldDefinition[]): z.ZodType<Record<string, unknown>> {
  const definitions = ZFieldList.parse(fields);
  const shape: Record<string, z.ZodType> = {};
  for (const field of definitions) {
    shape[field.key] = field.required ? present.pipe(valueSchema(field)) : valueSchema(field).optional();
  }
  const values = z.object(shape, { error: INVALID });

  return z.preprocess((input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
    // Own properties only, into a prototype-free object: a field keyed "constructor"
    // must not see Object.prototype.constructor. Keys of no field are left behind.
    const normalized: Record<string, unknown> = Object.create(null);
    for (const field of definitions) {
      if (!Object.hasOwn(input, field.key)) continue;
      const value = normalize(field, (input as Record<string, unknown>)[field.key]);
      if (!isMissing(value)) normalized[field.key] = value;
    }
    return normalized;
  }, values);
}
