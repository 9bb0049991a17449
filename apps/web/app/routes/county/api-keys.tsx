import { Anchor, Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import { createApiKey } from "@rdlink/core/api-keys/create-api-key";
import { listApiKeys } from "@rdlink/core/api-keys/list-api-keys";
import { revokeApiKey } from "@rdlink/core/api-keys/revoke-api-key";
import { ValidationError } from "@rdlink/core/shared/errors";
import { createWebhook } from "@rdlink/core/webhooks/create-webhook";
import { listWebhooks } from "@rdlink/core/webhooks/list-webhooks";
import { setWebhookActive } from "@rdlink/core/webhooks/set-webhook-active";
import { countySecretsKey } from "@rdlink/env";
import { IconKey } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { Form, useFetcher, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { ShownOnceSecret } from "~/components/shown-once-secret";
import { WebhooksPanel } from "~/components/webhooks-panel";
import { readForm } from "~/lib/actions.server";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { formatDateTime } from "~/lib/dates";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/api-keys";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => ({ keys: await listApiKeys(tx, ctx), ...(await listWebhooks(tx, ctx)) }),
    "tenant.apiKeys.manage",
  );
}

export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const { intent, ...form } = await readForm(county.request);
      if (intent === "createWebhook") {
        const created = await county
          .inTenant((tx, ctx) => createWebhook(tx, ctx, { name: form.webhookName, url: form.url }, countySecretsKey()))
          .catch((error: unknown) => {
            // The form's name field is webhookName: the API key form on the page has its own.
            if (!(error instanceof ValidationError)) throw error;
            const { name, ...rest } = error.fieldErrors;
            throw new ValidationError(name ? { ...rest, webhookName: name } : rest, error.formError);
          });
        // The signing secret, this once: the receiver needs it, the page never shows it again.
        return { ok: true as const, webhookCreated: { name: created.name, secret: created.secret } };
      }
      if (intent === "stopWebhook" || intent === "resumeWebhook") {
        const active = intent === "resumeWebhook";
        await county.inTenant((tx, ctx) => setWebhookActive(tx, ctx, { webhookId: form.webhookId, active }));
        return { ok: true as const };
      }
      if (intent === "revoke") {
        await county.inTenant((tx, ctx) => revokeApiKey(tx, ctx, form));
        return { ok: true as const, revoked: true };
      }
      if (intent !== "create") throw new ValidationError({}, "errors.unknownIntent");
      const created = await county.inTenant((tx, ctx) => createApiKey(tx, ctx, form));
      // The full key, this once: it is never stored and never shown again.
      return { ok: true as const, created: { name: created.name, key: created.key } };
    },
    "tenant.apiKeys.manage",
  );
}

function RevokeButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)}>
        {t("apiKeys.revoke")}
      </Button>
    );
  }
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="revoke" />
      <input type="hidden" name="id" value={id} />
      <Stack gap={4} align="flex-end">
        <Text size="xs" c="dimmed" maw={240}>
          {t("apiKeys.revokeHint")}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Button size="compact-sm" variant="default" onClick={() => setConfirming(false)}>
            {t("apiKeys.cancel")}
          </Button>
          <Button type="submit" size="compact-sm" color="red" loading={fetcher.state !== "idle"}>
            {t("apiKeys.revokeConfirm")}
          </Button>
        </Group>
      </Stack>
    </fetcher.Form>
  );
}

export default function ApiKeys({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { keys, webhooks, deliveries } = loaderData;
  const webhookCreated = actionData && "webhookCreated" in actionData ? actionData.webhookCreated : null;
  const errors = useFormErrors(actionData);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const created = actionData && "created" in actionData ? actionData.created : null;
  const addingWebhook = navigation.formData?.get("intent") === "createWebhook";
  const [shown, setShown] = useState(created);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    setShown(created);
    if (created) form.current?.reset();
  }, [created]);
  const when = (at: string | Date | null) => (at ? formatDateTime(at, i18n.language) : t("apiKeys.never"));
  return (
    <>
      <PageHeader
        title={t("apiKeys.title")}
        intro={t("apiKeys.intro")}
        actions={
          <Anchor href="/api/openapi.json" target="_blank" size="sm">
            {t("apiKeys.docs")}
          </Anchor>
        }
      />
      <Text size="sm" c="dimmed" mb="md">
        {t("apiKeys.usage")}
      </Text>
      {shown && (
        <ShownOnceSecret
          title={`${t("apiKeys.createdTitle")} · ${shown.name}`}
          warning={t("apiKeys.createdWarning")}
          value={shown.key}
          labels={{ copy: t("apiKeys.copy"), copied: t("apiKeys.copied"), done: t("apiKeys.done") }}
          onDone={() => setShown(null)}
          testId="new-api-key"
          valueTestId="api-key"
        />
      )}
      <Paper withBorder p="md" mb="md">
        <Form method="post" ref={form}>
          <input type="hidden" name="intent" value="create" />
          <Group align="flex-end">
            <TextInput
              name="name"
              label={t("apiKeys.name")}
              placeholder={t("apiKeys.namePlaceholder")}
              required
              maxLength={60}
              error={errors.field("name")}
              style={{ flex: 1, maxWidth: 360 }}
            />
            <Button type="submit" leftSection={<IconKey size={16} />} loading={busy}>
              {t("apiKeys.create")}
            </Button>
          </Group>
          {errors.form && (
            <Text c="red" size="sm" mt="xs">
              {errors.form}
            </Text>
          )}
        </Form>
      </Paper>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={820}>
          <Table striped verticalSpacing="xs" fz="sm" data-testid="api-keys">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("apiKeys.name")}</Table.Th>
                <Table.Th>{t("apiKeys.prefix")}</Table.Th>
                <Table.Th>{t("apiKeys.createdBy")}</Table.Th>
                <Table.Th>{t("apiKeys.createdAt")}</Table.Th>
                <Table.Th>{t("apiKeys.lastUsed")}</Table.Th>
                <Table.Th>{t("apiKeys.status")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.map((key) => (
                <Table.Tr key={key.id} data-testid="api-key-row" data-revoked={key.revokedAt ? "true" : "false"}>
                  <Table.Td>{key.name}</Table.Td>
                  <Table.Td>
                    <Code fz="xs">{key.prefix}</Code>
                  </Table.Td>
                  <Table.Td>{key.createdByName ?? "—"}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{when(key.createdAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{when(key.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={key.revokedAt ? "gray" : "green"} variant="light" tt="none">
                      {key.revokedAt ? t("apiKeys.revoked") : t("apiKeys.active")}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{!key.revokedAt && <RevokeButton id={key.id} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {keys.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t("apiKeys.empty")}
          </Text>
        )}
      </Paper>
      <WebhooksPanel
        webhooks={webhooks}
        deliveries={deliveries}
        created={webhookCreated ?? null}
        errors={errors}
        busy={busy && addingWebhook}
      />
    </>
  );
}
