import type { TLocalizedText } from "@rdlink/forms";
import { useTranslation } from "~/lib/use-translation";

/** The text of a label in the page's language, zh-CN when there is no translation. */
export function useLocalized() {
  const { i18n } = useTranslation();
  return (text: TLocalizedText) => (i18n.language === "en" && text.en ? text.en : text["zh-CN"]);
}
