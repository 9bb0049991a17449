import { fallbackLanguage, resources, supportedLanguages } from "@rdlink/i18n";
import { initReactI18next } from "react-i18next";
import { createCookie } from "react-router";
import { createI18nextMiddleware } from "remix-i18next/middleware";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: true,
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * The language is what the user chose (cookie, or ?lng=) and otherwise Simplified
 * Chinese: the browser's Accept-Language is deliberately not consulted.
 */
export const [i18nextMiddleware, getLocale, getInstance] = createI18nextMiddleware({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: localeCookie,
    order: ["searchParams", "cookie"],
  },
  i18next: {
    resources,
    fallbackLng: fallbackLanguage,
    supportedLngs: [...supportedLanguages],
    interpolation: { escapeValue: false },
  },
  plugins: [initReactI18next],
});
