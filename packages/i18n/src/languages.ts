/** The languages of the app; the browser loads only the page's one (apps/web/app/entry.client.tsx). */
export const supportedLanguages = ["zh-CN", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "zh-CN";
