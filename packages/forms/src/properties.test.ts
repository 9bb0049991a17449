import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildValidator } from "./build-validator";
import { type TFieldDefinition, type TFieldDefinitionInput, ZFieldDefinition, ZFieldList } from "./field-schema";
import { definitionMessageKeys, valueMessageKeys } from "./messages";

// --- valid definitions -------------------------------------------------------

const text = (maxLength: number) =>
  fc.string({ minLength: 1, maxLength, unit: "grapheme" }).filter((s) => s.trim() !== "" && s.length <= maxLength);

const localized = fc.record({ "zh-CN": text(20), en: text(20) }, { requiredKeys: ["zh-CN"] });

const optionValue = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9_-]{1,60}$/),
  text(10).map((s) => s.trim().replaceAll(",", "")),
);
const options = fc
  .uniqueArray(optionValue, { minLength: 1, maxLength: 8 })
  .filter((values) => values.every((v) => v !== ""))
  .chain((values) => fc.tuple(...values.map((value) => localized.map((label) => ({ value, label })))));

const bound = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });

const fieldBody: fc.Arbitrary<Omit<TFieldDefinitionInput, "key" | "label" | "required" | "help">> = fc.oneof(
  fc.record(
    { type: fc.constantFrom("text" as const, "longText" as const), maxLength: fc.integer({ min: 1, max: 10_000 }) },
    { requiredKeys: ["type"] },
  ),
  fc
    .record({ type: fc.constant("number" as const), min: bound, max: bound }, { requiredKeys: ["type"] })
    .map((f) => (f.min !== undefined && f.max !== undefined && f.min > f.max ? { ...f, min: f.max, max: f.min } : f)),
  fc.record({ type: fc.constantFrom("select" as const, "multiSelect" as const), options }),
  fc.record({ type: fc.constantFrom("date", "yesNo", "phone", "image", "handlingUnit", "deputy") }),
);

const fieldList = fc
  .uniqueArray(
    fc.record({
      key: fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,39}$/),
      label: localized,
      required: fc.boolean(),
      help: fc.option(localized, { nil: undefined }),
      body: fieldBody,
    }),
    { selector: (f) => f.key, maxLength: 12 },
  )
  .map((defs) => defs.map(({ body, help, ...rest }) => ({ ...rest, ...(help ? { help } : {}), ...body })))
  .map((defs) => ZFieldList.parse(defs));

// --- valid values, in the shapes HTML forms and JSON clients send -----------

const spaced = (s: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom("", " ", "\t"), s, fc.constantFrom("", " ", "\n")).map(([a, b, c]) => a + b + c);

function validValue(field: TFieldDefinition): fc.Arbitrary<unknown> {
  switch (field.type) {
    case "text":
    case "longText": {
      // Code points, not graphemes: maxLength counts code points.
      const max = Math.min(field.maxLength ?? 200, 60);
      return spaced(fc.string({ minLength: 1, maxLength: max, unit: "binary" }).filter((s) => s.trim() !== ""));
    }
    case "number": {
      const n = fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        min: field.min ?? -1e12,
        max: field.max ?? 1e12,
      });
      // A numeric string where the number prints plainly (no exponent), else the number.
      return fc.tuple(n, fc.boolean()).map(([v, asString]) => {
        const s = String(v);
        return asString && /^-?\d+(\.\d+)?$/.test(s) ? s : v;
      });
    }
    case "select":
      return fc.constantFrom(...field.options.map((o) => o.value));
    case "multiSelect": {
      const values = field.options.map((o) => o.value);
      return fc
        .tuple(fc.shuffledSubarray(values, { minLength: 1 }), fc.boolean())
        .map(([chosen, joined]) => (joined ? chosen.join(",") : chosen));
    }
    case "date":
      return fc
        .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case "yesNo":
      return fc.constantFrom(true, false, 1, 0, "true", "false", "on", "yes", "no", "1", "0", " Yes ");
    case "phone":
      return fc
        .tuple(fc.oneof(fc.stringMatching(/^1[3-9]\d{9}$/), fc.stringMatching(/^0\d{2,3}-?\d{7,8}$/)), fc.boolean())
        .map(([p, withSpaces]) => (withSpaces ? p.split("").join(" ") : p));
    case "image":
    case "handlingUnit":
    case "deputy":
      return fc.tuple(fc.uuid(), fc.boolean()).map(([id, upper]) => (upper ? id.toUpperCase() : id));
  }
}

const missing = fc.constantFrom(undefined, null, "", "  ", []);

/** Required fields always get a value; optional ones a value, a "missing" value, or no key. */
function submission(fields: TFieldDefinition[]) {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of fields) model[f.key] = f.required ? validValue(f) : fc.oneof(validValue(f), missing);
  const requiredKeys = fields.filter((f) => f.required).map((f) => f.key);
  return fc.record(model, { requiredKeys });
}

const validCase = fieldList.chain((fields) => fc.tuple(fc.constant(fields), submission(fields)));

// --- properties ----------------------------------------------------------------

type TIssue = { path: PropertyKey[]; message: string };

describe("ZFieldList / ZFieldDefinition", () => {
  it("never throw on arbitrary JSON, and speak only in known keys", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        for (const schema of [ZFieldList, ZFieldDefinition]) {
          const result = schema.safeParse(input);
          if (!result.success) {
            for (const issue of result.error.issues) expect(definitionMessageKeys).toContain(issue.message);
          }
        }
      }),
    );
  });

  it("refuse near-valid definitions (one property replaced by JSON) only with known keys", () => {
    const prop = fc.constantFrom("key", "label", "type", "required", "help", "options", "min", "max", "maxLength");
    fc.assert(
      fc.property(fieldList, prop, fc.jsonValue(), (fields, name, junk) => {
        const broken = fields.map((f, i) => (i === 0 ? { ...f, [name]: junk } : f));
        const result = ZFieldList.safeParse(broken);
        if (!result.success) {
          for (const issue of result.error.issues) expect(definitionMessageKeys).toContain(issue.message);
        }
      }),
    );
  });

  it("accept what they produce (parsing is idempotent)", () => {
    fc.assert(
      fc.property(fieldList, (fields) => {
        expect(ZFieldList.parse(fields)).toEqual(fields);
      }),
    );
  });
});

// Each run builds a validator; allow for slow CI machines.
describe("buildValidator", { timeout: 30_000 }, () => {
  it("accepts generated valid values, and its output parses to itself", () => {
    fc.assert(
      fc.property(validCase, ([fields, values]) => {
        const validator = buildValidator(fields);
        const result = validator.safeParse(values);
        expect(result.error?.issues ?? []).toEqual([]);
        const output = result.data!;

        expect(validator.parse(output)).toEqual(output);
        // Every required field is there; nothing else but field keys; no undefined holes.
        const keys = new Set(fields.map((f) => f.key));
        for (const f of fields) if (f.required) expect(Object.hasOwn(output, f.key)).toBe(true);
        for (const [k, v] of Object.entries(output)) {
          expect(keys.has(k)).toBe(true);
          expect(v).not.toBeUndefined();
        }
      }),
    );
  });

  it("never throws on arbitrary submissions, and reports only known keys at [] or [field key]", () => {
    const anyCase = fieldList.chain((fields) =>
      fc.tuple(
        fc.constant(fields),
        fc.oneof(
          fc.jsonValue(),
          fc.record(Object.fromEntries(fields.map((f) => [f.key, fc.jsonValue()])), { requiredKeys: [] }),
        ),
      ),
    );
    fc.assert(
      fc.property(anyCase, ([fields, input]) => {
        const keys = new Set<PropertyKey>(fields.map((f) => f.key));
        const result = buildValidator(fields).safeParse(input);
        if (result.success) return;
        for (const issue of result.error.issues as TIssue[]) {
          expect(valueMessageKeys).toContain(issue.message);
          expect(issue.path.length === 0 || (issue.path.length === 1 && keys.has(issue.path[0]!))).toBe(true);
        }
      }),
    );
  });
});
