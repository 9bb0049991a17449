import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { buildValidator } from "./build-validator";
import { type TFieldDefinitionInput, type TFieldList, ZFieldList } from "./field-schema";

const label = { "zh-CN": "字段" };
const fields = (...defs: TFieldDefinitionInput[]): TFieldList => ZFieldList.parse(defs);
const options = (...values: string[]) => values.map((value) => ({ value, label }));

/** A definition without key and label, per type (Omit alone would merge the union). */
type TDef = TFieldDefinitionInput extends infer D ? (D extends unknown ? Omit<D, "key" | "label"> : never) : never;
const field = (def: TDef) => fields({ ...def, key: "f", label } as TFieldDefinitionInput);

/** Parses `{ f: value }` against one field "f": the output value, or [path, message] of each issue. */
function check(def: TDef, value: unknown) {
  const result = buildValidator(field(def)).safeParse({ f: value });
  if (!result.success) return { issues: result.error.issues.map((i) => [i.path, i.message]) };
  return { value: result.data.f };
}
const ok = (value: unknown) => ({ value });
const refused = (message: string) => ({ issues: [[["f"], message]] });

const REQUIRED = "validation.required";

describe.each([
  { type: "text" },
  { type: "longText" },
  { type: "number" },
  { type: "select", options: options("a") },
  { type: "multiSelect", options: options("a") },
  { type: "date" },
  { type: "yesNo" },
  { type: "phone" },
  { type: "image" },
  { type: "handlingUnit" },
  { type: "deputy" },
] as const)("a $type field", (def) => {
  it.each([undefined, null, "", "   ", []])("required, refuses %j as missing", (value) => {
    expect(check({ ...def, required: true }, value)).toEqual(refused(REQUIRED));
  });

  it.each([undefined, null, "", " \t", []])("optional, leaves %j out of the output", (value) => {
    const result = buildValidator(field(def)).parse({ f: value });
    expect(result).toEqual({});
    expect(Object.hasOwn(result, "f")).toBe(false);
  });
});

describe("text", () => {
  it.each([
    ["  张三 ", "张三"],
    ["x".repeat(200), "x".repeat(200)],
  ])("accepts %j", (value, expected) => {
    expect(check({ type: "text" }, value)).toEqual(ok(expected));
  });

  it.each([
    ["x".repeat(201), "validation.tooLong"],
    [12, "validation.invalid"],
    [true, "validation.invalid"],
    [["a"], "validation.invalid"],
    [{}, "validation.invalid"],
  ])("refuses %j", (value, message) => {
    expect(check({ type: "text" }, value)).toEqual(refused(message));
  });

  it("applies maxLength in code points, after trimming", () => {
    expect(check({ type: "text", maxLength: 5 }, " abcde ")).toEqual(ok("abcde"));
    expect(check({ type: "text", maxLength: 5 }, "abcdef")).toEqual(refused("validation.tooLong"));
    expect(check({ type: "text", maxLength: 2 }, "𠮷𠮷")).toEqual(ok("𠮷𠮷"));
    expect(check({ type: "text", maxLength: 2 }, "𠮷𠮷𠮷")).toEqual(refused("validation.tooLong"));
  });
});

describe("longText", () => {
  it("allows 5000 characters by default, refuses 5001", () => {
    expect(check({ type: "longText" }, "长".repeat(5000))).toEqual(ok("长".repeat(5000)));
    expect(check({ type: "longText" }, "长".repeat(5001))).toEqual(refused("validation.tooLong"));
  });

  it("turns CRLF into LF before counting", () => {
    expect(check({ type: "longText", maxLength: 3 }, "a\r\nb\r\n")).toEqual(ok("a\nb"));
    expect(check({ type: "longText", maxLength: 200 }, "x".repeat(201))).toEqual(refused("validation.tooLong"));
  });
});

describe("number", () => {
  it.each([
    [5, 5],
    [-1e9, -1e9],
    ["5", 5],
    [" 3.5 ", 3.5],
    ["-2", -2],
    ["+7", 7],
    [".5", 0.5],
    ["１２．５", 12.5],
    ["-0", 0],
  ])("accepts %j as %j", (value, expected) => {
    expect(check({ type: "number" }, value)).toEqual(ok(expected));
  });

  it.each(["abc", "1,000", "1e3", "0x10", "Infinity", "1 2", true, Number.NaN, Number.POSITIVE_INFINITY, {}, ["1"]])(
    "refuses %j as not a number",
    (value) => {
      expect(check({ type: "number" }, value)).toEqual(refused("validation.notANumber"));
    },
  );

  it("enforces min and max, inclusive", () => {
    const def = { type: "number", min: 0, max: 10 } as const;
    expect(check(def, 0)).toEqual(ok(0));
    expect(check(def, "10")).toEqual(ok(10));
    expect(check(def, -0.1)).toEqual(refused("validation.outOfRange"));
    expect(check(def, "11")).toEqual(refused("validation.outOfRange"));
    expect(check({ type: "number", min: 1 }, 1e12)).toEqual(ok(1e12));
    expect(check({ type: "number", max: 1 }, "2")).toEqual(refused("validation.outOfRange"));
  });
});

describe("select", () => {
  const def = { type: "select", options: options("a", "b") } as const;

  it("accepts an option value, trimmed", () => {
    expect(check(def, "a")).toEqual(ok("a"));
    expect(check(def, " b ")).toEqual(ok("b"));
  });

  it.each(["c", "A", "a,b", 1, ["a"], true])("refuses %j", (value) => {
    expect(check(def, value)).toEqual(refused("validation.invalidOption"));
  });
});

describe("multiSelect", () => {
  const def = { type: "multiSelect", options: options("a", "b", "c") } as const;

  it.each([
    [
      ["a", "c"],
      ["a", "c"],
    ],
    [[" b"], ["b"]],
    ["a", ["a"]],
    ["a,b", ["a", "b"]],
    [" c , a ,", ["c", "a"]],
  ])("accepts %j as %j", (value, expected) => {
    expect(check(def, value)).toEqual(ok(expected));
  });

  it.each([
    [["a", "d"], "validation.invalidOption"],
    ["a,d", "validation.invalidOption"],
    [[1], "validation.invalidOption"],
    [[""], "validation.invalidOption"],
    [["a", "a"], "validation.invalid"],
    ["b,b", "validation.invalid"],
    [{ a: true }, "validation.invalid"],
    [7, "validation.invalid"],
  ])("refuses %j, at the field's path", (value, message) => {
    expect(check(def, value)).toEqual(refused(message));
  });

  it("counts a string of commas as missing", () => {
    expect(check({ ...def, required: true }, " , ")).toEqual(refused(REQUIRED));
    expect(buildValidator(field(def)).parse({ f: "," })).toEqual({});
  });
});

describe("date", () => {
  it.each(["2024-02-29", "2000-02-29", "2025-12-31", "1949-10-01", " 2025-01-01 "])("accepts %j", (value) => {
    expect(check({ type: "date" }, value)).toEqual(ok(value.trim()));
  });

  it.each([
    "2023-02-29",
    "1900-02-29",
    "2024-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "2024-4-1",
    "24-04-01",
    "2024/04/01",
    "2024-04-01T00:00:00Z",
    "tomorrow",
    20240401,
    true,
  ])("refuses %j", (value) => {
    expect(check({ type: "date" }, value)).toEqual(refused("validation.invalidDate"));
  });
});

describe("yesNo", () => {
  it.each([
    [true, true],
    ["true", true],
    ["on", true],
    ["yes", true],
    ["1", true],
    [" YES ", true],
    [1, true],
    [false, false],
    ["false", false],
    ["no", false],
    ["0", false],
    ["off", false],
    [0, false],
  ])("accepts %j as %j", (value, expected) => {
    expect(check({ type: "yesNo" }, value)).toEqual(ok(expected));
  });

  it("treats false as an answer, not as missing", () => {
    expect(check({ type: "yesNo", required: true }, "no")).toEqual(ok(false));
  });

  it.each(["maybe", "y", 2, ["on"], {}])("refuses %j", (value) => {
    expect(check({ type: "yesNo" }, value)).toEqual(refused("validation.invalid"));
  });
});

describe("phone", () => {
  it.each([
    ["13812345678", "13812345678"],
    ["199 8888 0000", "19988880000"],
    ["１３８１２３４５６７８", "13812345678"],
    ["0771-1234567", "0771-1234567"],
    ["07711234567", "07711234567"],
    ["010-12345678", "010-12345678"],
    ["010 1234 5678", "01012345678"],
    ["0771－1234567", "0771-1234567"],
  ])("accepts %j as %j", (value, expected) => {
    expect(check({ type: "phone" }, value)).toEqual(ok(expected));
  });

  it.each([
    "12812345678",
    "1381234567",
    "138123456789",
    "771-1234567",
    "0771-123456",
    "0771-123456789",
    "07-1234567",
    "07711-1234567",
    "0771--1234567",
    "+8613812345678",
    "1381234567a",
    13812345678,
  ])("refuses %j", (value) => {
    expect(check({ type: "phone" }, value)).toEqual(refused("validation.invalidPhone"));
  });
});

describe.each(["image", "handlingUnit", "deputy"] as const)("%s", (type) => {
  it("accepts a UUID, lower-cased", () => {
    const id = "0195d2c4-8b3a-7c1e-9f00-1a2b3c4d5e6f";
    expect(check({ type }, id)).toEqual(ok(id));
    expect(check({ type }, ` ${id.toUpperCase()} `)).toEqual(ok(id));
  });

  it.each(["not-a-uuid", "0195d2c48b3a7c1e9f001a2b3c4d5e6f", "0195d2c4-8b3a-7c1e-9f00-1a2b3c4d5e6", 42, {}])(
    "refuses %j",
    (value) => {
      expect(check({ type }, value)).toEqual(refused("validation.invalidReference"));
    },
  );
});

describe("the submitted object", () => {
  const validator = buildValidator(
    fields(
      { key: "name", label, type: "text", required: true },
      { key: "age", label, type: "number", min: 18 },
      { key: "phone", label, type: "phone" },
      { key: "agree", label, type: "yesNo", required: true },
    ),
  );

  it("drops unknown keys and leaves optional missing fields out", () => {
    const result = validator.parse({ name: " 李四 ", age: "", agree: "on", extra: "x", __proto__: { phone: "1" } });
    expect(result).toEqual({ name: "李四", agree: true });
    expect(Object.keys(result)).toEqual(["name", "agree"]);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it("reports every bad field at once, at its key", () => {
    const result = validator.safeParse({ age: "17", phone: "123" });
    expect(result.success || result.error.issues.map((i) => [i.path, i.message])).toEqual([
      [["name"], REQUIRED],
      [["age"], "validation.outOfRange"],
      [["phone"], "validation.invalidPhone"],
      [["agree"], REQUIRED],
    ]);
  });

  it.each([null, undefined, "name=x", 1, [{ name: "x" }]])("refuses %j as a whole", (input) => {
    const result = validator.safeParse(input);
    expect(result.success || result.error.issues.map((i) => [i.path, i.message])).toEqual([[[], "validation.invalid"]]);
  });

  it("reads only own properties, so keys like constructor work", () => {
    const v = buildValidator(
      fields(
        { key: "constructor", label, type: "text" },
        { key: "toString", label, type: "text", required: true },
        { key: "valueOf", label, type: "number" },
      ),
    );
    expect(v.parse({ toString: "a" })).toEqual({ toString: "a" });
    const result = v.safeParse({});
    expect(result.success || result.error.issues.map((i) => [i.path, i.message])).toEqual([[["toString"], REQUIRED]]);
    expect(v.parse({ constructor: "b", toString: "a", valueOf: "3" })).toEqual({
      constructor: "b",
      toString: "a",
      valueOf: 3,
    });
  });

  it("accepts no fields, giving an empty object", () => {
    expect(buildValidator([]).parse({ anything: 1 })).toEqual({});
  });
});

describe("buildValidator", () => {
  it("throws on definitions that are not a valid field list", () => {
    const text = { key: "a", label, type: "text", required: false } as const;
    expect(() => buildValidator([text, text])).toThrow(ZodError);
    expect(() => buildValidator([{ key: "s", label, type: "select", required: false, options: [] }])).toThrow(ZodError);
  });
});

describe("validators kept per field list", () => {
  it("answers an equal field list with the validator built for it, and another list with its own", () => {
    const first = buildValidator(fields({ type: "text", key: "content", label, required: true }));
    const equal = buildValidator(fields({ type: "text", key: "content", label, required: true }));
    const optional = buildValidator(fields({ type: "text", key: "content", label }));
    expect(equal).toBe(first);
    expect(optional).not.toBe(first);
    // Each still checks its own list.
    expect(first.safeParse({}).success).toBe(false);
    expect(optional.safeParse({}).success).toBe(true);
  });
});
