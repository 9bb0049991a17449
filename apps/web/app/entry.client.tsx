import { fallbackLanguage, supportedLanguages } from "@rdlink/i18n/languages";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { NonceContext } from "~/lib/nonce";
import { initialResources } from "~/lib/translations";

async function main() {
  // Use exactly the language the server rendered (<html lang> set in root Layout)
  const lng = document.documentElement.lang || fallbackLanguage;
  // Only the translations this page needs (lib/translations.ts).
  const resources = await initialResources(lng, window.location.pathname);
  await i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: fallbackLanguage,
    supportedLngs: [...supportedLanguages],
    interpolation: { escapeValue: false },
  });
  // The nonce the server rendered with, so that hydration renders the same attributes. Any
  // script in the page could read it already: it grants nothing new.
  const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
  startTransition(() => {
    hydrateRoot(
      document,
      <NonceContext value={nonce}>
        <I18nextProvider i18n={i18next}>
          <StrictMode>
            <HydratedRouter />
          </StrictMode>
        </I18nextProvider>
      </NonceContext>,
    );
  });
}

main().catch((error) => console.error(error));
