import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { getSmsSettings } from "@rdlink/core/sms/get-sms-settings";
import { removeSmsSettings } from "@rdlink/core/sms/remove-sms-settings";
import { saveSmsSettings } from "@rdlink/core/sms/save-sms-settings";
import { SMS_REGIONS } from "@rdlink/core/sms/sms-settings-input";
import { IconCheck, IconInfoCircle, IconMessage } from "@tabler/icons-react";
import { useState } from "react";
import { Form, Link, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { smsSecretsKey } from "~/lib/sms.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/sms";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => ({ settings: await getSmsSettings(tx, ctx) }), "tenant.outbox.manage");
}

export function action(args: Route.ActionArgs) {
  return intentAction(
    args,
    {
      save: (tx, ctx, form) => saveSmsSettings(tx, ctx, form, smsSecretsKey()),
      remove: (tx, ctx) => removeSmsSettings(tx, ctx),
    },
    "tenant.outbox.manage",
  );
}

const TEMPLATE_FIELDS = ["templateSubmitted", "templateAssigned", "templateAnswered", "templateClosed"] as const;

export default function SmsSettings({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { settings } = loaderData;
  const errors = useFormErrors(actionData);
  const navigation = useNavigation();
  const intent = navigation.formData?.get("intent");
  const [confirming, setConfirming] = useState(false);
  const when = (at: string | Date) => new Date(at).toLocaleString(i18n.language, { timeZone: "Asia/Shanghai" });
  return (
    <>
      <PageHeader
        title={t("smsSettings.title")}
        intro={t("smsSettings.intro")}
        actions={
          <Anchor component={Link} to="/county/outbox" size="sm">
            {t("smsSettings.outboxLink")}
          </Anchor>
        }
      />
      {settings ? (
        <Alert color="green" mb="md" icon={<IconCheck size={18} />} data-testid="sms-status" data-configured="true">
          {t("smsSettings.configured", { at: when(settings.updatedAt) })}
        </Alert>
      ) : (
        <Alert
          color="gray"
          mb="md"
          icon={<IconInfoCircle size={18} />}
          data-testid="sms-status"
          data-configured="false"
        >
          {t("smsSettings.notConfigured")}
        </Alert>
      )}
      <Paper withBorder p="md" mb="md">
        {/* The key remounts the form after a save, so the secret fields are empty again. */}
        <Form method="post" key={settings ? String(settings.updatedAt) : "new"} autoComplete="off">
          <input type="hidden" name="intent" value="save" />
          <Stack gap="md">
            <Title order={4}>{t("smsSettings.account")}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PasswordInput
                name="secretId"
                label={t("smsSettings.secretId")}
                placeholder={settings ? `${t("smsSettings.secretSet")} · ${settings.secretIdHint}` : undefined}
                description={settings ? t("smsSettings.keepBlank") : t("smsSettings.secretNeverShown")}
                required={!settings}
                maxLength={128}
                autoComplete="off"
                error={errors.field("secretId")}
              />
              <PasswordInput
                name="secretKey"
                label={t("smsSettings.secretKey")}
                placeholder={settings ? t("smsSettings.secretSet") : undefined}
                description={settings ? t("smsSettings.keepBlank") : t("smsSettings.secretNeverShown")}
                required={!settings}
                maxLength={128}
                autoComplete="new-password"
                error={errors.field("secretKey")}
              />
              <TextInput
                name="sdkAppId"
                label={t("smsSettings.sdkAppId")}
                defaultValue={settings?.sdkAppId ?? ""}
                required
                maxLength={10}
                inputMode="numeric"
                error={errors.field("sdkAppId")}
              />
              <TextInput
                name="signName"
                label={t("smsSettings.signName")}
                description={t("smsSettings.signNameHint")}
                defaultValue={settings?.signName ?? ""}
                required
                maxLength={12}
                error={errors.field("signName")}
              />
              <Select
                name="region"
                label={t("smsSettings.region")}
                defaultValue={settings?.region ?? "ap-guangzhou"}
                allowDeselect={false}
                data={SMS_REGIONS.map((value) => ({ value, label: t(`smsSettings.regions.${value}`) }))}
                error={errors.field("region")}
              />
            </SimpleGrid>
            <Title order={4}>{t("smsSettings.templates")}</Title>
            <Text size="sm" c="dimmed">
              {t("smsSettings.templatesHint")}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {TEMPLATE_FIELDS.map((field) => (
                <TextInput
                  key={field}
                  name={field}
                  label={t(`smsSettings.${field}`)}
                  defaultValue={settings?.[field] ?? ""}
                  required
                  maxLength={12}
                  inputMode="numeric"
                  error={errors.field(field)}
                />
              ))}
            </SimpleGrid>
            {errors.form && (
              <Text c="red" size="sm">
                {errors.form}
              </Text>
            )}
            <Group>
              <Button type="submit" leftSection={<IconMessage size={16} />} loading={intent === "save"}>
                {t("smsSettings.save")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Paper>
      {settings && (
        <Paper withBorder p="md">
          {confirming ? (
            <Form method="post" onSubmit={() => setConfirming(false)}>
              <input type="hidden" name="intent" value="remove" />
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t("smsSettings.removeConfirm")}</Text>
                <Group gap="xs">
                  <Button variant="default" size="xs" onClick={() => setConfirming(false)}>
                    {t("apiKeys.cancel")}
                  </Button>
                  <Button type="submit" color="red" size="xs" loading={intent === "remove"}>
                    {t("smsSettings.remove")}
                  </Button>
                </Group>
              </Stack>
            </Form>
          ) : (
            <Button variant="subtle" color="red" size="xs" onClick={() => setConfirming(true)}>
              {t("smsSettings.remove")}
            </Button>
          )}
        </Paper>
      )}
    </>
  );
}
