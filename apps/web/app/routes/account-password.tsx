import { Alert, Button, Paper, PasswordInput, Stack } from "@mantine/core";
import { sessionCookie } from "@rdlink/auth";
import { changePassword } from "@rdlink/core/auth/change-password";
import { data, Form, useNavigation } from "react-router";
import { NewPasswordFields } from "~/components/new-password-fields";
import { PageHeader } from "~/components/page-header";
import { failureResponse, readSinglePurposeForm } from "~/lib/actions.server";
import { accountRequest, actingContext, requireSignedIn } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/account-password";

export function loader({ request, context }: Route.LoaderArgs) {
  requireSignedIn(request, context);
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const signedIn = requireSignedIn(request, context);
  try {
    const { db, meta } = accountRequest(request, context);
    const session = await changePassword(
      db,
      actingContext(signedIn, context),
      await readSinglePurposeForm(request),
      meta,
    );
    return data({ ok: true as const }, { headers: { "Set-Cookie": sessionCookie(session.token) } });
  } catch (error) {
    return failureResponse(error);
  }
}

export default function AccountPassword({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader title={t("account.title")} />
      <Paper withBorder p="lg" maw={480}>
        {actionData?.ok ? (
          <Alert color="green">{t("account.changed")}</Alert>
        ) : (
          <Form method="post">
            <Stack>
              <PasswordInput
                name="currentPassword"
                label={t("account.currentPassword")}
                autoComplete="current-password"
                required
                error={errors.field("currentPassword")}
              />
              <NewPasswordFields error={errors.field} />
              <Button type="submit" loading={busy}>
                {t("account.submit")}
              </Button>
            </Stack>
          </Form>
        )}
      </Paper>
    </>
  );
}
