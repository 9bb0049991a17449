import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fieldTypes, type TFieldDefinitionInput, ZFieldDefinition, ZFieldList } from "./field-schema";

const label = { "zh-CN": "姓名" };
const options = [
  { value: "a", label: { "zh-CN": "甲" } },
  { value: "b", label: { "zh-CN": "乙", en: "B" } },
];

/** [path, message] of every issue, or "ok". */
function issues(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? "ok" : result.error.issues.map((i) => [i.path, i.message]);
}

const minimal = (type: (typeof fieldTypes)[number]): TFieldDefinitionInput =>
  type === "select" || type === "multiSelect" ? { key: "f", label, type, options } : { key: "f", label, type };

describe("ZFieldDefinition accepts", () => {
  it.each(fieldTypes)("a minimal %s field, required defaulting to false", (type) => {
    const field = ZFieldDefinition.parse(minimal(type));
    expect(field).toMatchObject({ key: "f", type, required: false });
  });

  it("every property where it applies", () => {
    expect(
      ZFieldDefinition.parse({
        key: "fullName",
        label: { "zh-CN": " 姓名 ", en: "Name" },
        help: { "zh-CN": "请填写真实姓名" },
        type: "text",
        required: true,
        maxLength: 10_000,
      }),
    ).toEqual({
      key: "fullName",
      label: { "zh-CN": "姓名", en: "Name" },
      help: { "zh-CN": "请填写真实姓名" },
      type: "text",
      required: true,
      maxLength: 10_000,
    });
    expect(issues(ZFieldDefinition, { key: "n", label, type: "number", min: -1.5, max: 99 })).toBe("ok");
    expect(issues(ZFieldDefinition, { key: "n", label, type: "number", min: 3, max: 3 })).toBe("ok");
    expect(issues(ZFieldDefinition, { key: "n", label, type: "number", min: 3 })).toBe("ok");
    expect(issues(ZFieldDefinition, { key: "t", label, type: "longText", maxLength: 1 })).toBe("ok");
  });

  it.each(["a", "fullName", "a_1", "x9", `a${"b".repeat(39)}`])("the key %s", (key) => {
    expect(issues(ZFieldDefinition, { key, label, type: "text" })).toBe("ok");
  });

  it("trims option values and keeps 100 options", () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ value: `v${i}`, label }));
    expect(issues(ZFieldDefinition, { key: "s", label, type: "select", options: many })).toBe("ok");
    const field = ZFieldDefinition.parse({ key: "s", label, type: "select", options: [{ value: " a ", label }] });
    expect(field.type === "select" && field.options[0]?.value).toBe("a");
  });
});

describe("ZFieldDefinition refuses", () => {
  it.each([
    ["", "validation.invalidFieldKey"],
    ["Name", "validation.invalidFieldKey"],
    ["_x", "validation.invalidFieldKey"],
    ["1a", "validation.invalidFieldKey"],
    ["a-b", "validation.invalidFieldKey"],
    ["名字", "validation.invalidFieldKey"],
    [`a${"b".repeat(40)}`, "validation.invalidFieldKey"],
    [1, "validation.invalid"],
    [undefined, "validation.required"],
  ])("the key %j", (key, message) => {
    expect(issues(ZFieldDefinition, { key, label, type: "text" })).toEqual([[["key"], message]]);
  });

  it("bad labels and help texts", () => {
    expect(issues(ZFieldDefinition, { key: "f", type: "text" })).toEqual([[["label"], "validation.required"]]);
    expect(issues(ZFieldDefinition, { key: "f", type: "text", label: "姓名" })).toEqual([
      [["label"], "validation.invalid"],
    ]);
    expect(issues(ZFieldDefinition, { key: "f", type: "text", label: { en: "Name" } })).toEqual([
      [["label", "zh-CN"], "validation.required"],
    ]);
    expect(issues(ZFieldDefinition, { key: "f", type: "text", label: { "zh-CN": "  " } })).toEqual([
      [["label", "zh-CN"], "validation.required"],
    ]);
    expect(issues(ZFieldDefinition, { key: "f", type: "text", label: { "zh-CN": "名".repeat(201) } })).toEqual([
      [["label", "zh-CN"], "validation.tooLong"],
    ]);
    expect(issues(ZFieldDefinition, { key: "f", type: "text", label: { "zh-CN": "名", en: "n".repeat(201) } })).toEqual(
      [[["label", "en"], "validation.tooLong"]],
    );
    expect(issues(ZFieldDefinition, { key: "f", type: "text", label, help: { en: "Help" } })).toEqual([
      [["help", "zh-CN"], "validation.required"],
    ]);
  });

  it("a missing or unknown type, and a non-object", () => {
    expect(issues(ZFieldDefinition, { key: "f", label })).toEqual([[["type"], "validation.required"]]);
    expect(issues(ZFieldDefinition, { key: "f", label, type: "email" })).toEqual([[["type"], "validation.invalid"]]);
    expect(issues(ZFieldDefinition, "text")).toEqual([[[], "validation.invalid"]]);
    expect(issues(ZFieldDefinition, null)).toEqual([[[], "validation.invalid"]]);
  });

  it("a non-boolean required", () => {
    expect(issues(ZFieldDefinition, { key: "f", label, type: "text", required: "yes" })).toEqual([
      [["required"], "validation.invalid"],
    ]);
  });

  it.each(fieldTypes.filter((t) => t !== "select" && t !== "multiSelect"))("options on a %s field", (type) => {
    expect(issues(ZFieldDefinition, { ...minimal(type), options })).toEqual([[["options"], "validation.notAllowed"]]);
  });

  it.each(["select", "multiSelect"] as const)("a %s field without options", (type) => {
    expect(issues(ZFieldDefinition, { key: "f", label, type })).toEqual([[["options"], "validation.required"]]);
    expect(issues(ZFieldDefinition, { key: "f", label, type, options: [] })).toEqual([
      [["options"], "validation.required"],
    ]);
    expect(issues(ZFieldDefinition, { key: "f", label, type, options: "a,b" })).toEqual([
      [["options"], "validation.invalid"],
    ]);
  });

  it("bad options", () => {
    const select = (opts: unknown) => issues(ZFieldDefinition, { key: "s", label, type: "select", options: opts });
    expect(select([...options, { value: "a", label }])).toEqual([
      [["options", 2, "value"], "validation.duplicateOption"],
    ]);
    expect(
      select([
        { value: "a", label },
        { value: " a", label },
      ]),
    ).toEqual([[["options", 1, "value"], "validation.duplicateOption"]]);
    expect(select([{ value: " ", label }])).toEqual([[["options", 0, "value"], "validation.required"]]);
    expect(select([{ value: "x".repeat(61), label }])).toEqual([[["options", 0, "value"], "validation.tooLong"]]);
    expect(select([{ value: "a,b", label }])).toEqual([[["options", 0, "value"], "validation.invalid"]]);
    expect(select([{ value: "a" }])).toEqual([[["options", 0, "label"], "validation.required"]]);
    expect(select(Array.from({ length: 101 }, (_, i) => ({ value: `v${i}`, label })))).toEqual([
      [["options"], "validation.tooMany"],
    ]);
  });

  it.each([
    [{ type: "text", min: 1 }, ["min"]],
    [{ type: "longText", max: 1 }, ["max"]],
    [{ type: "number", maxLength: 10 }, ["maxLength"]],
    [{ type: "select", options, maxLength: 10 }, ["maxLength"]],
    [{ type: "multiSelect", options, min: 1 }, ["min"]],
    [{ type: "date", max: 1 }, ["max"]],
    [{ type: "yesNo", maxLength: 1 }, ["maxLength"]],
    [{ type: "deputy", min: 0 }, ["min"]],
  ])("%j: a property of another type", (props, path) => {
    expect(issues(ZFieldDefinition, { key: "f", label, ...props })).toEqual([[path, "validation.notAllowed"]]);
  });

  it("min above max, and bounds that are not numbers", () => {
    expect(issues(ZFieldDefinition, { key: "n", label, type: "number", min: 10, max: 1 })).toEqual([
      [["max"], "validation.minAboveMax"],
    ]);
    expect(issues(ZFieldDefinition, { key: "n", label, type: "number", min: "1" })).toEqual([
      [["min"], "validation.notANumber"],
    ]);
  });

  it.each([
    [0, "validation.outOfRange"],
    [10_001, "validation.outOfRange"],
    [1.5, "validation.invalid"],
    ["10", "validation.invalid"],
  ])("maxLength %j", (maxLength, message) => {
    expect(issues(ZFieldDefinition, { key: "t", label, type: "text", maxLength })).toEqual([[["maxLength"], message]]);
  });
});

describe("ZFieldList", () => {
  const text = (key: string) => ({ key, label, type: "text" });

  it("accepts distinct keys, up to 100 fields", () => {
    expect(issues(ZFieldList, [])).toBe("ok");
    expect(
      issues(
        ZFieldList,
        Array.from({ length: 100 }, (_, i) => text(`f${i}`)),
      ),
    ).toBe("ok");
  });

  it("refuses repeated keys at [index, key] of each repeat", () => {
    expect(issues(ZFieldList, [text("a"), text("b"), text("a")])).toEqual([[[2, "key"], "validation.duplicateKey"]]);
    expect(issues(ZFieldList, [text("a"), text("a"), text("a")])).toEqual([
      [[1, "key"], "validation.duplicateKey"],
      [[2, "key"], "validation.duplicateKey"],
    ]);
  });

  it("refuses more than 100 fields and non-arrays; prefixes field issues with the index", () => {
    expect(
      issues(
        ZFieldList,
        Array.from({ length: 101 }, (_, i) => text(`f${i}`)),
      ),
    ).toEqual([[[], "validation.tooMany"]]);
    expect(issues(ZFieldList, { a: text("a") })).toEqual([[[], "validation.invalid"]]);
    expect(issues(ZFieldList, [text("a"), { ...text("b"), options }])).toEqual([
      [[1, "options"], "validation.notAllowed"],
    ]);
  });
});
