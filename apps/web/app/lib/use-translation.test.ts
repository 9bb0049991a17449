import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it, vi } from "vitest";
import { translatorFor } from "./i18n.server";
import { useTranslation } from "./use-translation";

/** Renders, on the server, a component that asks its translator for each of `asks` in turn. */
function rendered(language: "zh-CN" | "en", asks: [string, Record<string, unknown>?][]) {
  const i18n = translatorFor(language);
  function Labels() {
    const { t } = useTranslation();
    const tr = t as unknown as (key: string, options?: Record<string, unknown>) => string;
    return createElement("p", null, asks.map(([key, options]) => (options ? tr(key, options) : tr(key))).join("|"));
  }
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(Labels)));
}

describe("the server's translator", () => {
  it("looks a key asked without options up once, and answers it from memory after", () => {
    // i18next's own lookup (its Translator), which every `t` of the instance goes through.
    const { translator } = translatorFor("zh-CN") as unknown as { translator: { translate: (key: string) => unknown } };
    const lookUp = vi.spyOn(translator, "translate");
    try {
      expect(rendered("zh-CN", [["nav.groups.setup"], ["nav.groups.setup"], ["nav.groups.setup"]])).toBe(
        "<p>流程与设置|流程与设置|流程与设置</p>",
      );
      expect(rendered("zh-CN", [["nav.groups.setup"]])).toBe("<p>流程与设置</p>");
      expect(lookUp.mock.calls.filter(([key]) => key === "nav.groups.setup").length).toBeLessThanOrEqual(1);
    } finally {
      lookUp.mockRestore();
    }
  });

  it("remembers a key asked with only a count once per count", () => {
    const { translator } = translatorFor("zh-CN") as unknown as { translator: { translate: (key: string) => unknown } };
    const lookUp = vi.spyOn(translator, "translate");
    try {
      const left = (count: number): [string, Record<string, unknown>] => ["work.countdown.left", { count }];
      expect(rendered("zh-CN", [left(3), left(5), left(3), left(5)])).toBe(
        "<p>还剩3个工作日|还剩5个工作日|还剩3个工作日|还剩5个工作日</p>",
      );
      expect(lookUp.mock.calls.filter(([key]) => key === "work.countdown.left").length).toBeLessThanOrEqual(2);
    } finally {
      lookUp.mockRestore();
    }
  });

  it("looks a key asked with other options up each time, with them", () => {
    expect(
      rendered("zh-CN", [
        ["signIn.locked", { minutes: 5 }],
        ["signIn.locked", { minutes: 15 }],
      ]),
    ).toBe("<p>登录失败次数过多，请 5 分钟后再试|登录失败次数过多，请 15 分钟后再试</p>");
  });

  it("remembers each language's text apart", () => {
    expect(rendered("zh-CN", [["nav.groups.system"]])).toBe("<p>系统管理</p>");
    expect(rendered("en", [["nav.groups.system"]])).not.toBe("<p>系统管理</p>");
    expect(rendered("zh-CN", [["nav.groups.system"]])).toBe("<p>系统管理</p>");
  });
});
