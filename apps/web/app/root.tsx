// First: no schema may be built before zod is told not to use eval (see the module).
import "./lib/zod-without-eval.client";
import "@mantine/core/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/notifications/styles.css";

import {
  Button,
  ColorSchemeScript,
  Container,
  MantineProvider,
  mantineHtmlProps,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration } from "react-router";
import type { Route } from "./+types/root";
import { sameOriginMiddleware, sessionMiddleware } from "./lib/auth.server";
import { getLocale, i18nextMiddleware } from "./lib/i18n.server";
import { useNonce } from "./lib/nonce";
import { theme } from "./lib/theme";

// Language first, so that even an error page thrown by a later middleware is translated.
export const middleware: Route.MiddlewareFunction[] = [i18nextMiddleware, sameOriginMiddleware, sessionMiddleware];

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export function loader({ context }: Route.LoaderArgs) {
  return { locale: getLocale(context) };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const { i18n, t } = useTranslation();
  const nonce = useNonce();
  return (
    <html lang={i18n.language} {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t("app.name")}</title>
        <ColorSchemeScript defaultColorScheme="light" nonce={nonce} />
        <Meta />
        <Links nonce={nonce} />
      </head>
      <body>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <Notifications position="top-center" />
          {children}
        </MantineProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== loaderData.locale) void i18n.changeLanguage(loaderData.locale);
  }, [loaderData.locale, i18n]);
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
  if (!isRouteErrorResponse(error)) console.error(error);
  const [title, message]: [string, string] =
    status === 404
      ? [t("errors.notFoundTitle"), t("errors.notFound")]
      : status === 503
        ? [t("errors.unavailableTitle"), t("errors.unavailable")]
        : status < 500
          ? [t("errors.badRequest"), t(refusalKey(error) ?? "errors.badRequest")]
          : [t("errors.serverTitle"), t("errors.server")];
  return (
    <Container size="sm" py={80}>
      <Stack align="center" gap="md">
        <Title order={1} c="red.8">
          {status}
        </Title>
        <Title order={2}>{title}</Title>
        <Text c="dimmed">{message}</Text>
        <Button component={Link} to="/" variant="light">
          {t("errors.goHome")}
        </Button>
      </Stack>
    </Container>
  );
}
