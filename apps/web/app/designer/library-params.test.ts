import { actionLibrary, guardLibrary } from "@rdlink/workflow";
import { describe, expect, it } from "vitest";
import { actionParams, fieldChoices, guardParams } from "./library-params";

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

  it("offers the start form's fields, then each step's, once each, by label and with their choices", () => {
    const zh = (text: string) => ({ "zh-CN": text });
    const states = {
      review: {
        label: zh("初审"),
        form: [
          { key: "summary", label: zh("摘要") },
          { key: "category", label: zh("类别") },
        ],
      },
      reply: { label: zh("答复"), form: [{ key: "summary", label: zh("摘要") }] },
    };
    const start = [{ key: "category", label: zh("问题类别"), options: [{ value: "quick", label: zh("随手拍") }] }];
    expect(fieldChoices(states, start, "登记表")).toEqual([
      { key: "category", label: "问题类别（登记表）", options: [{ value: "quick", label: "随手拍" }] },
      { key: "summary", label: "摘要（初审）", options: undefined },
    ]);
  });
});
