import "~/lib/staff-styles";
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { homePath, sessionCookie } from "@rdlink/auth";
import { signIn } from "@rdlink/core/auth/sign-in";
import { useEffect, useRef } from "react";
import { data, Form, redirect, useNavigation, useSearchParams } from "react-router";
import { AuthCard } from "~/components/auth-card";
import { MantineFrame } from "~/components/mantine-frame";
import { type FormFailure, failureResponse, readSinglePurposeForm } from "~/lib/actions.server";
import { accountRequest } from "~/lib/auth.server";
import { signedInContext } from "~/lib/context";
import { useFormErrors } from "~/lib/form-errors";
import { safeRedirect } from "~/lib/safe-redirect";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/sign-in";

export function loader({ context }: Route.LoaderArgs) {
  const signedIn = context.get(signedInContext);
  if (signedIn) throw redirect(homePath(signedIn.actor));
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readSinglePurposeForm(request);
  try {
    const { db, meta, now } = accountRequest(request, context);
    const result = await signIn(db, form, meta, now);
    if (result.ok) {
      return redirect(safeRedirect(form.redirectTo), { headers: { "Set-Cookie": sessionCookie(result.token) } });
    }
    if (result.reason === "locked") {
      const minutes = String(Math.max(1, Math.ceil(result.retryAfterSeconds / 60)));
      return data<FormFailure>(
        { ok: false, fieldErrors: {}, formError: "signIn.locked", values: { minutes } },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    return data<FormFailure>({ ok: false, fieldErrors: {}, formError: "signIn.invalid" }, { status: 401 });
  } catch (error) {
    return failureResponse(error);
  }
}

function SignInPage({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  // The username field has the keyboard on arrival and again after a refused attempt (the page's
  // answer would otherwise leave focus on <body>); React would not carry autofocus through SSR.
  const username = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (actionData !== undefined || document.activeElement === document.body) username.current?.focus();
  }, [actionData]);
  return (
    <AuthCard title={t("signIn.title")} subtitle={t("signIn.subtitle")}>
      <Form method="post">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <Stack>
          {params.has("signedOut") && <Alert color="green">{t("signIn.signedOut")}</Alert>}
          {errors.form && (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          )}
          <TextInput
            name="username"
            label={t("signIn.username")}
            autoComplete="username"
            autoCapitalize="none"
            required
            error={errors.field("username")}
            ref={username}
          />
          <PasswordInput
            name="password"
            label={t("signIn.password")}
            autoComplete="current-password"
            required
            error={errors.field("password")}
          />
          <Button type="submit" loading={busy} fullWidth mt="sm">
            {t("signIn.submit")}
          </Button>
          {/* No e-mail or SMS here: a forgotten password is reset by the county admin's one-time link. */}
          <Text size="sm" c="dimmed" data-testid="forgot-password">
            <Text span fw={600} inherit>
              {t("signIn.forgot")}
            </Text>{" "}
            {t("signIn.forgotHint")}
          </Text>
        </Stack>
      </Form>
    </AuthCard>
  );
}

export default function SignIn(props: Route.ComponentProps) {
  return (
    <MantineFrame>
      <SignInPage {...props} />
    </MantineFrame>
  );
}
