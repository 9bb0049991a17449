import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from "@mantine/core";
import type { TRole } from "@rdlink/vocabulary/roles";
import { useTranslation } from "~/lib/use-translation";

/** The one-time link, shown once, with a copy button; titled by the role it invites (区县管理员, 承办单位答复人 …). */
export function InvitationLink({ url, invitedRole }: { url: string; invitedRole: TRole }) {
  const { t } = useTranslation();
  const roleName = t(`roles.${invitedRole}`);
  return (
    <Alert color="green" title={t("platform.invitationLink", { role: roleName })} data-testid="invitation">
      <Stack gap="xs">
        <Text size="sm">{t("platform.invitationHint", { role: roleName })}</Text>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            value={url}
            readOnly
            style={{ flex: 1 }}
            aria-label={t("platform.invitationLink", { role: roleName })}
            data-testid="invitation-url"
          />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button onClick={copy} variant="light" color={copied ? "teal" : "red"}>
                {copied ? t("common.copied") : t("common.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
