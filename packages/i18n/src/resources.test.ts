import { describe, expect, it } from "vitest";
import { en } from "./en";
import { zhCN } from "./zh-CN";

/** Every translated string by its path (audit action keys contain dots themselves, hence a Map). */
const flatten = (value: object, prefix: string[] = []): Map<string, string> =>
  new Map(
    Object.entries(value).flatMap(([k, v]) =>
      typeof v === "string" ? [[[...prefix, k].join(" › "), v]] : [...flatten(v, [...prefix, k])],
    ),
  );

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  const zh = flatten(zhCN);
  const english = flatten(en);

  it("have the same keys in every language", () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it("use the same placeholders in every language", () => {
    for (const [key, text] of zh) expect(placeholders(english.get(key) ?? ""), key).toEqual(placeholders(text));
  });

  it("leave no string empty", () => {
    expect([...zh, ...english].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
  });
});
