import { useContext } from "react";
import {
  type FallbackNs,
  getI18n,
  I18nContext,
  type UseTranslationResponse,
  useTranslation as useI18nextTranslation,
} from "react-i18next";

/** What `useTranslation()` answers: the default namespace, no key prefix. */
type Translation = UseTranslationResponse<FallbackNs<undefined>, undefined>;

/**
 * On the server, what `useTranslation()` answers for an i18n instance, made once per instance: the
 * instances are the process's, one per language, and never change language (lib/i18n.server.ts), so
 * there is nothing to subscribe to. react-i18next's hook made a copy of the instance and a new `t` for
 * every component on every page (issue 21). The same `t`: the instance's default namespace, no prefix.
 */
const translations = new WeakMap<object, Translation>();

function useServerTranslation(): Translation {
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  let translation = translations.get(i18n);
  if (!translation) {
    const defaultNS = i18n.options.defaultNS;
    const namespaces = typeof defaultNS === "string" ? [defaultNS] : defaultNS || ["translation"];
    // i18next's types leave out the options react-i18next passes (the namespaces a selector may name).
    const getFixedT = i18n.getFixedT as unknown as (
      lng: string,
      ns: string | undefined,
      keyPrefix: undefined,
      options: { scopeNs: readonly string[] },
    ) => Translation["t"];
    const t = getFixedT.call(i18n, i18n.language, namespaces[0], undefined, { scopeNs: namespaces });
    const answer = [t, i18n, true] as unknown as Translation;
    Object.assign(answer, { t, i18n, ready: true });
    translation = answer;
    translations.set(i18n, translation);
  }
  return translation;
}

/**
 * The translator of a component: react-i18next's in the browser (which renders again when the
 * language changes), a light one on the server (see above).
 */
export const useTranslation: () => Translation =
  typeof document === "undefined" ? useServerTranslation : () => useI18nextTranslation();
