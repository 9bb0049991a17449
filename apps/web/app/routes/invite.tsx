import "~/lib/staff-styles";
import { Alert, Button, Stack } from "@mantine/core";
import { sessionCookie } from "@rdlink/auth";
import { acceptInvitation, getInvitation } from "@rdlink/core/auth/accept-invitation";
import { NotFoundError } from "@rdlink/core/shared/errors";
import { data, Form, redirect, useNavigation } from "react-router";
import { AuthCard } from "~/components/auth-card";
import { MantineFrame } from "~/components/mantine-frame";
import { NewPasswordFields } from "~/components/new-password-fields";
import { failureResponse, readSinglePurposeForm } from "~/lib/actions.server";
import { accountRequest } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/invite";

/** An unusable link is a page that says so (410), not a bare 404. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { db, now } = accountRequest(request, context);
  try {
    return { invitation: await getInvitation(db, params.token, now) };
  } catch (error) {
    if (error instanceof NotFoundError) return data({ invitation: null }, { status: 410 });
    throw error;
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await readSinglePurposeForm(request);
  try {
    const { db, meta, now } = accountRequest(request, context);
    const session = await acceptInvitation(db, params.token, form, meta, now);
    return redirect("/", { headers: { "Set-Cookie": sessionCookie(session.token) } });
  } catch (error) {
    if (error instanceof NotFoundError)
      return data({ ok: false as const, fieldErrors: {}, formError: "invite.invalid" }, { status: 410 });
    return failureResponse(error);
  }
}

function InvitePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state !== "idle";
  const { invitation } = loaderData;
  if (!invitation) {
    return (
      <AuthCard title={t("invite.title")}>
        <Alert color="red">{t("invite.invalid")}</Alert>
      </AuthCard>
    );
  }
  // A reset link (issued by the admin to a user who has a password) says so, not "you are invited".
  const who = { tenant: invitation.tenantName, username: invitation.username, name: invitation.displayName };
  return (
    <AuthCard
      title={t(invitation.reset ? "invite.resetTitle" : "invite.title")}
      subtitle={t(invitation.reset ? "invite.resetIntro" : "invite.intro", who)}
    >
      <Form method="post">
        <Stack>
          {errors.form && <Alert color="red">{errors.form}</Alert>}
          <input type="text" name="username" value={invitation.username} autoComplete="username" readOnly hidden />
          <NewPasswordFields error={errors.field} />
          <Button type="submit" loading={busy} fullWidth mt="sm">
            {t(invitation.reset ? "invite.resetSubmit" : "invite.submit")}
          </Button>
        </Stack>
      </Form>
    </AuthCard>
  );
}

export default function Invite(props: Route.ComponentProps) {
  return (
    <MantineFrame>
      <InvitePage {...props} />
    </MantineFrame>
  );
}
