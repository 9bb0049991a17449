import { Badge, Button, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconWebhook } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { Form, useFetcher } from "react-router";
import { ShownOnceSecret } from "~/components/shown-once-secret";
import { formatDateTime } from "~/lib/dates";
import type { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";

type Webhook = { id: string; name: string; url: string; active: boolean; createdAt: string | Date };
type Delivery = {
  id: string;
  webhook: string;
  trackingCode: string | null;
  seq: number;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | Date;
  deliveredAt: string | Date | null;
  createdAt: string | Date;
};

function ActiveToggle({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value={webhook.active ? "stopWebhook" : "resumeWebhook"} />
      <input type="hidden" name="webhookId" value={webhook.id} />
      <Button
        type="submit"
        size="compact-sm"
        variant="subtle"
        color={webhook.active ? "red" : "blue"}
        loading={fetcher.state !== "idle"}
      >
        {webhook.active ? t("webhooks.stop") : t("webhooks.resume")}
      </Button>
    </fetcher.Form>
  );
}

/**
 * The county API page's webhooks: add an address (its signing secret shown once), stop or resume
 * one, and the latest deliveries with what the receiver answered.
 */
export function WebhooksPanel(props: {
  webhooks: Webhook[];
  deliveries: Delivery[];
  created: { name: string; secret: string } | null;
  errors: ReturnType<typeof useFormErrors>;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState(props.created);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    setShown(props.created);
    if (props.created) form.current?.reset();
  }, [props.created]);
  const when = (at: string | Date) => formatDateTime(at, i18n.language);
  const result = (delivery: Delivery) => {
    const answered = delivery.lastStatus ? `HTTP ${delivery.lastStatus}` : t("webhooks.unreachable");
    if (delivery.status === "delivered")
      return (
        <Badge color="green" variant="light" tt="none">
          {t("webhooks.delivered")}
        </Badge>
      );
    return (
      <Stack gap={2}>
        <Badge color={delivery.status === "failed" ? "red" : "yellow"} variant="light" tt="none">
          {delivery.status === "failed"
            ? t("webhooks.failed")
            : t("webhooks.pending", { at: when(delivery.nextAttemptAt) })}
        </Badge>
        {delivery.attempts > 0 && (
          <Text size="xs" c="dimmed">
            {answered}
          </Text>
        )}
      </Stack>
    );
  };
  return (
    <Stack mt="xl" data-testid="webhooks">
      <Title order={3}>{t("webhooks.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("webhooks.intro")}
      </Text>
      {shown && (
        <ShownOnceSecret
          title={`${t("webhooks.createdTitle")} · ${shown.name}`}
          warning={t("webhooks.createdWarning")}
          value={shown.secret}
          labels={{ copy: t("webhooks.copy"), copied: t("webhooks.copied"), done: t("webhooks.done") }}
          onDone={() => setShown(null)}
          testId="new-webhook"
          valueTestId="webhook-secret"
        />
      )}
      <Paper withBorder p="md">
        <Form method="post" ref={form}>
          <input type="hidden" name="intent" value="createWebhook" />
          <Group align="flex-end" wrap="wrap">
            <TextInput
              name="webhookName"
              label={t("webhooks.name")}
              placeholder={t("webhooks.namePlaceholder")}
              required
              maxLength={60}
              error={props.errors.field("webhookName")}
              style={{ flex: "1 1 180px", maxWidth: 260 }}
            />
            <TextInput
              name="url"
              type="url"
              label={t("webhooks.url")}
              placeholder="https://"
              required
              maxLength={500}
              error={props.errors.field("url")}
              style={{ flex: "2 1 260px" }}
            />
            <Button type="submit" leftSection={<IconWebhook size={16} />} loading={props.busy}>
              {t("webhooks.add")}
            </Button>
          </Group>
        </Form>
      </Paper>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs" fz="sm" data-testid="webhook-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("webhooks.name")}</Table.Th>
                <Table.Th>{t("webhooks.url")}</Table.Th>
                <Table.Th>{t("webhooks.createdAt")}</Table.Th>
                <Table.Th>{t("webhooks.status")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.webhooks.map((webhook) => (
                <Table.Tr key={webhook.id}>
                  <Table.Td>{webhook.name}</Table.Td>
                  <Table.Td style={{ wordBreak: "break-all" }}>{webhook.url}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{when(webhook.createdAt)}</Table.Td>
                  <Table.Td>
                    <Badge color={webhook.active ? "green" : "gray"} variant="light" tt="none">
                      {webhook.active ? t("webhooks.active") : t("webhooks.stopped")}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <ActiveToggle webhook={webhook} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {props.webhooks.length === 0 && (
          <Text c="dimmed" ta="center" py="lg">
            {t("webhooks.empty")}
          </Text>
        )}
      </Paper>
      <Title order={4}>{t("webhooks.deliveriesTitle")}</Title>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs" fz="sm" data-testid="webhook-deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("webhooks.deliveredAt")}</Table.Th>
                <Table.Th>{t("webhooks.name")}</Table.Th>
                <Table.Th>{t("webhooks.case")}</Table.Th>
                <Table.Th>{t("webhooks.result")}</Table.Th>
                <Table.Th>{t("webhooks.attempts")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.deliveries.map((delivery) => (
                <Table.Tr key={delivery.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {when(delivery.deliveredAt ?? delivery.createdAt)}
                  </Table.Td>
                  <Table.Td>{delivery.webhook}</Table.Td>
                  <Table.Td>
                    <Code fz="xs">{delivery.trackingCode ?? "—"}</Code> {t("webhooks.step", { seq: delivery.seq })}
                  </Table.Td>
                  <Table.Td>{result(delivery)}</Table.Td>
                  <Table.Td>{delivery.attempts}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {props.deliveries.length === 0 && (
          <Text c="dimmed" ta="center" py="lg">
            {t("webhooks.deliveriesEmpty")}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
