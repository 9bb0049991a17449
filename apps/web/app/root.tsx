// First: no schema may be built before zod is told not to use eval (see the module).
import "./lib/zod-without-eval.client";
// The citizens' pages' few styles: Mantine's come with MantineFrame (staff pages, tracking).
import "./styles/public.css";

import { useEffect } from "react";
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation } from "react-router";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/root";
import { DocumentTitle } from "./components/document-title";
import { sameOriginMiddleware, sessionMiddleware } from "./lib/auth.server";
import { getLocale, i18nextMiddleware } from "./lib/i18n.server";
import { useNonce } from "./lib/nonce";
import { addMissingResources } from "./lib/translations";

// Language first, so that even an error page thrown by a later middleware is translated.
export const middleware: Route.MiddlewareFunction[] = [i18nextMiddleware, sameOriginMiddleware, sessionMiddleware];

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export function loader({ context }: Route.LoaderArgs) {
  return { locale: getLocale(context) };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { i18n } = useTranslation();
  const nonce = useNonce();
  // Light only: the attribute Mantine's styles key on is set here rather than by a script.
  return (
    <html lang={i18n.language} data-mantine-color-scheme="light" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links nonce={nonce} />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  const { i18n } = useTranslation();
  const { pathname } = useLocation();
  useEffect(() => {
    // A page's strings may not be loaded yet: a staff page reached from a public one, or English chosen.
    void addMissingResources(i18n, loaderData.locale, pathname).then((added) => {
      if (added || i18n.language !== loaderData.locale) void i18n.changeLanguage(loaderData.locale);
    });
  }, [loaderData.locale, pathname, i18n]);
  // A mark that the page now answers hover and keys, for the browser tests to wait on
  // rather than racing hydration.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

/** The i18n key a refusal carries (`data({ messageKey }, { status: 400 })`), if it names one. */
function refusalKey(error: unknown): "errors.badRequest" | undefined {
  if (!isRouteErrorResponse(error)) return undefined;
  const key = (error.data as { messageKey?: unknown } | null)?.messageKey;
  // Typed as one key: i18n's types cannot follow a key that arrives as data.
  return typeof key === "string" && key.startsWith("errors.") ? (key as "errors.badRequest") : undefined;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // In the browser, for the developer tools. On the server React Router has logged the error itself,
  // with its stack (unless the client had gone); here it is only "Unexpected Server Error".
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  const [title, message]: [string, string] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFound")]
      : status === 503
        ? [t("errors.unavailableTitle"), t("errors.unavailable")]
        : status < 500
          ? [t("errors.badRequest"), t(refusalKey(error) ?? "errors.badRequest")]
          : [t("errors.serverTitle"), t("errors.server")];
  // Plain elements: an error can meet a citizen on the public pages, which load no Mantine.
  return (
    <main className="pub-error-page">
      <DocumentTitle title={title} />
      <p className="pub-status">{status}</p>
      <h1 className="pub-title">{title}</h1>
      <p className="pub-p pub-dimmed">{message}</p>
      <Link to="/" className="pub-button pub-button-light">
        {t("errors.goHome")}
      </Link>
    </main>
  );
}
