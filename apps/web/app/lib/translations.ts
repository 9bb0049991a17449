import { zhCNPublic } from "@rdlink/i18n/zh-CN-public";
import type { i18n as I18n, Resource } from "i18next";

/**
 * Which translations the browser loads (docs/decisions/0016-a-light-public-entry.md): the
 * citizens' pages (/s/…, /t…, a draft's /c/…, the ballot /v… and a street's page /p/…) only their own
 * Chinese strings, bundled; other pages the whole of Chinese, and English only for a page in English,
 * both fetched when first needed.
 */
const PUBLIC_PAGE = /^\/[cstvp](\/|$)/;

export const isPublicPage = (pathname: string) => PUBLIC_PAGE.test(pathname);

async function chinese(pathname: string) {
  return isPublicPage(pathname) ? zhCNPublic : (await import("@rdlink/i18n/zh-CN")).zhCN;
}

/** What the first page needs, before it hydrates. */
export async function initialResources(language: string, pathname: string): Promise<Resource> {
  const [zh, en] = await Promise.all([
    chinese(pathname),
    language === "en" ? import("@rdlink/i18n/en").then((m) => m.en) : null,
  ]);
  return { "zh-CN": { translation: zh }, ...(en ? { en: { translation: en } } : {}) };
}

/**
 * After a navigation or a change of language: fetches what the page needs and the browser has
 * not loaded yet. Answers whether anything was added (the page then renders again).
 */
export async function addMissingResources(i18n: I18n, language: string, pathname: string): Promise<boolean> {
  let added = false;
  // `nav` is not among the public strings: its absence says only those are loaded.
  if (!isPublicPage(pathname) && !i18n.getResourceBundle("zh-CN", "translation")?.nav) {
    i18n.addResourceBundle("zh-CN", "translation", (await import("@rdlink/i18n/zh-CN")).zhCN, true, true);
    added = true;
  }
  if (language === "en" && !i18n.hasResourceBundle("en", "translation")) {
    i18n.addResourceBundle("en", "translation", (await import("@rdlink/i18n/en")).en);
    added = true;
  }
  return added;
}
