import { describe, expect, it } from "vitest";
import { fieldKeyPattern } from "./field-schema";
import { newFieldKey, newOptionValue } from "./generated-ids";

describe("generated identifiers", () => {
  it("gives a new field the first free key, valid for the schema", () => {
    const taken = new Set(["field1", "field3"]);
    expect(newFieldKey((k) => taken.has(k))).toBe("field2");
    expect(newFieldKey((k) => taken.has(k), 3)).toBe("field4");
    expect(fieldKeyPattern.test(newFieldKey(() => false))).toBe(true);
  });

  it("gives a new choice the first free value o<n>, whatever the others are called", () => {
    expect(newOptionValue([])).toBe("o1");
    expect(newOptionValue([{ value: "individual" }, { value: "common" }])).toBe("o3");
    expect(newOptionValue([{ value: "o2" }, { value: "o3" }])).toBe("o4");
    expect(newOptionValue([{ value: "o3" }])).toBe("o2");
  });
});
