import { PasswordInput } from "@mantine/core";
import { useTranslation } from "~/lib/use-translation";

/** "New password" and its confirmation, as the invitation and the password page ask for them. */
export function NewPasswordFields({ error }: { error: (field: string) => string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        name="password"
        label={t("invite.password")}
        description={t("invite.passwordHint")}
        autoComplete="new-password"
        required
        error={error("password")}
      />
      <PasswordInput
        name="confirmPassword"
        label={t("invite.confirmPassword")}
        autoComplete="new-password"
        required
        error={error("confirmPassword")}
      />
    </>
  );
}
