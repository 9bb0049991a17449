import { en } from "./en";
import { zhCN } from "./zh-CN";

export type { Translation } from "./zh-CN";

export const supportedLanguages = ["zh-CN", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "zh-CN";

/** i18next resources: one namespace, "translation". */
export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;
