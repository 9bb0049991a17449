import { en } from "./en";
import { zhCN } from "./zh-CN";

export { fallbackLanguage, type Language, supportedLanguages } from "./languages";
export type { Translation } from "./zh-CN";

/** i18next resources: one namespace, "translation". */
export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;
