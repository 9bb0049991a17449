import { actionLibrary, guardLibrary } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import { actionParams, fieldKeys, guardParams } from "./library-params";

describe("parameter inputs of the library", () => {
  it("cover every guard and action, and exactly their parameters", () => {
    for (const [library, inputs] of [
      [guardLibrary, guardParams],
      [actionLibrary, actionParams],
    ] as const) {
      expect(Object.keys(inputs).sort()).toEqual(Object.keys(library).sort());
      for (const [type, entry] of Object.entries(library)) {
        const shape = Object.keys((entry.params as unknown as { shape: object }).shape).sort();
        const params = (inputs as Record<string, { name: string }[]>)[type] ?? [];
        expect(params.map((p) => p.name).sort(), type).toEqual(shape);
      }
    }
  });

  it("lists the form fields of every state once", () => {
    expect(fieldKeys({ a: { form: [{ key: "x" }, { key: "y" }] }, b: { form: [{ key: "x" }] } })).toEqual(["x", "y"]);
  });
});
