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
    const t = rememberingLookups(
      getFixedT.call(i18n, i18n.language, namespaces[0], undefined, { scopeNs: namespaces }),
    );
    const answer = [t, i18n, true] as unknown as Translation;
    Object.assign(answer, { t, i18n, ready: true });
    translation = answer;
    translations.set(i18n, translation);
  }
  return translation;
}

/** Enough for every key of the app and the labels counties define; past it, keys are looked up each time. */
const MAX_REMEMBERED_KEYS = 20_000;

/**
 * What a call is remembered by: its key alone, or its key and count ("还剩3个工作日": a few counts
 * come back on every row); null for any other options (a row's title), which are looked up each time.
 */
function memoOf([key, options, ...rest]: unknown[]): string | null {
  if (typeof key !== "string" || rest.length > 0) return null;
  if (options === undefined) return key;
  if (typeof options !== "object" || options === null) return null;
  const names = Object.keys(options);
  const count = (options as { count?: unknown }).count;
  return names.length === 1 && typeof count === "number" ? `${key}\u0000${count}` : null;
}

/**
 * `t` answering a key (or a key and count) from memory after the first time. A page asks for the
 * same labels again and again (a state's and a category's name on each of 50 rows), and i18next's
 * lookup cost 8 % of the inbox's CPU (issue 21); the instance's language and texts never change.
 */
function rememberingLookups(t: Translation["t"]): Translation["t"] {
  const texts = new Map<string, unknown>();
  const lookUp = t as unknown as (...args: unknown[]) => unknown;
  const remembering = (...args: unknown[]) => {
    const memo = memoOf(args);
    if (memo === null) return lookUp(...args);
    let text = texts.get(memo);
    if (text === undefined) {
      text = lookUp(...args);
      if (texts.size < MAX_REMEMBERED_KEYS) texts.set(memo, text);
    }
    return text;
  };
  // The fixed t's own properties (its language and namespace) stay readable.
  return Object.assign(remembering, t) as unknown as Translation["t"];
}

/**
 * The translator of a component: react-i18next's in the browser (which renders again when the
 * language changes), a light one on the server (see above).
 */
export const useTranslation: () => Translation =
  typeof document === "undefined" ? useServerTranslation : () => useI18nextTranslation();
