import { describe, expect, it } from "vitest";
import { isCleanJson, isCleanText, isCleanUrl, MAX_JSON_DEPTH } from "./clean-input";

describe("input every boundary refuses", () => {
  it("takes Chinese, emoji and punctuation, and refuses NUL and lone surrogates", () => {
    expect(isCleanText("村口路灯坏了 👍 <b>“急”</b>")).toBe(true);
    expect(isCleanText(`a${String.fromCharCode(0)}b`)).toBe(false);
    expect(isCleanText("\ud800")).toBe(false);
    expect(isCleanText("x\udc00")).toBe(false);
  });

  it("refuses such strings anywhere in JSON, keys included, and nesting past the limit", () => {
    expect(isCleanJson({ content: "路灯", fields: { a: ["b", 1, null] } })).toBe(true);
    expect(isCleanJson({ content: ["ok", { deep: "\ud800" }] })).toBe(false);
    expect(isCleanJson({ [String.fromCharCode(0)]: 1 })).toBe(false);
    const nest = (depth: number) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`);
    expect(isCleanJson(nest(MAX_JSON_DEPTH))).toBe(true);
    expect(isCleanJson(nest(MAX_JSON_DEPTH + 1))).toBe(false);
    expect(isCleanJson(nest(10_000))).toBe(false);
  });

  it("refuses a URL whose decoded query holds NUL, a lone surrogate or broken percent-encoding", () => {
    expect(isCleanUrl("/county/deputies?q=%E9%9F%A6")).toBe(true);
    expect(isCleanUrl("/county/deputies?q=%00")).toBe(false);
    expect(isCleanUrl("/work?q=%ED%A0%80")).toBe(false);
    expect(isCleanUrl("/work?q=%E9%9F")).toBe(false);
  });
});
