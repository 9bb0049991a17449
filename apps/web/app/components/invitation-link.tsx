import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** The one-time link, shown once, with a copy button. */
export function InvitationLink({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" title={title} data-testid="invitation">
      <Stack gap="xs">
        <Text size="sm">{t("platform.invitationHint")}</Text>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            value={url}
            readOnly
            style={{ flex: 1 }}
            aria-label={t("platform.invitationLink")}
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
