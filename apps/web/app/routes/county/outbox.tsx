import { Anchor, Badge, Button, SegmentedControl, Stack, Table, Text } from "@mantine/core";
import { listOutboxMessages } from "@rdlink/core/outbox/list-outbox-messages";
import { retryOutboxMessage } from "@rdlink/core/outbox/retry-outbox-message";
import { IconRefresh } from "@tabler/icons-react";
import { Link, useFetcher } from "react-router";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { formatDateTime } from "~/lib/dates";
import { useFormErrors } from "~/lib/form-errors";
import { useListFilters } from "~/lib/list-filters";
import { notificationText } from "~/lib/notification-text";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/outbox";

const STATUS_COLORS = { pending: "yellow", delivered: "green", failed: "red" } as const;

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = { status: params.get("status") ?? undefined, page: params.get("page") ?? undefined };
  return countyLoader(args, (tx, ctx) => listOutboxMessages(tx, ctx, query));
}

export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const form = await county.form();
    await county.inTenant((tx, ctx) => retryOutboxMessage(tx, ctx, form));
    return { ok: true as const };
  });
}

function RetryButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="id" value={id} />
      <Button
        type="submit"
        size="compact-sm"
        variant="light"
        leftSection={<IconRefresh size={14} />}
        loading={fetcher.state !== "idle"}
      >
        {t("outbox.retry")}
      </Button>
      {errors.form && (
        <Text c="red" size="xs">
          {errors.form}
        </Text>
      )}
    </fetcher.Form>
  );
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const tr = t as (key: string, options?: { defaultValue: string }) => string;
  const { setFilter } = useListFilters();
  const { rows, counts, status, total, page, pageSize } = loaderData;
  const when = (at: string | Date) => formatDateTime(at, i18n.language);
  const all = counts.pending + counts.delivered + counts.failed;
  return (
    <>
      <PageHeader title={t("outbox.title")} intro={t("outbox.intro")} />
      <SegmentedControl
        mb="md"
        aria-label={t("outbox.filter")}
        value={status ?? ""}
        onChange={setFilter("status")}
        data={[
          { value: "", label: `${t("outbox.all")} ${all}` },
          ...(["pending", "delivered", "failed"] as const).map((s) => ({
            value: s,
            label: `${t(`outbox.statuses.${s}`)} ${counts[s]}`,
          })),
        ]}
      />
      <ListTable
        minWidth={960}
        verticalSpacing="xs"
        fz="sm"
        data-testid="outbox"
        empty={t("outbox.empty")}
        paging={{ total, page, pageSize }}
        head={
          <>
            <Table.Th>{t("outbox.time")}</Table.Th>
            <Table.Th>{t("outbox.message")}</Table.Th>
            <Table.Th>{t("outbox.to")}</Table.Th>
            <Table.Th>{t("outbox.case")}</Table.Th>
            <Table.Th>{t("outbox.filter")}</Table.Th>
            <Table.Th>{t("outbox.attempts")}</Table.Th>
            <Table.Th>{t("outbox.via")}</Table.Th>
            <Table.Th>{t("outbox.lastError")}</Table.Th>
            <Table.Th />
          </>
        }
      >
        {rows.map((row) => (
          <Table.Tr key={row.id} data-testid="outbox-message" data-status={row.status}>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{when(row.createdAt)}</Table.Td>
            <Table.Td>
              <Stack gap={2}>
                <Text size="sm">{notificationText(t, row.template, null, row.caseTitle)}</Text>
                <Text size="xs" c="dimmed">
                  {tr(`outbox.kinds.${row.kind}`, { defaultValue: t("outbox.kinds.other") })}
                </Text>
              </Stack>
            </Table.Td>
            <Table.Td>
              {row.to ? tr(`outbox.targets.${row.to}`, { defaultValue: row.to }) : "—"}
              {row.phone && (
                <Text size="xs" c="dimmed" ff="monospace" data-testid="outbox-phone">
                  {t("outbox.smsTo", { phone: row.phone })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/work/cases/${row.caseId}`} size="sm">
                {row.caseTitle ?? t("notifications.untitled")}
              </Anchor>
              {row.trackingCode && (
                <Text size="xs" c="dimmed" ff="monospace">
                  {row.trackingCode}
                </Text>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <Badge
                color={STATUS_COLORS[row.status]}
                variant="light"
                tt="none"
                styles={{ root: { overflow: "visible" }, label: { overflow: "visible" } }}
              >
                {t(`outbox.statuses.${row.status}`)}
              </Badge>
              {row.status === "pending" && row.attempts > 0 && (
                <Text size="xs" c="dimmed">
                  {t("outbox.nextAttempt", { at: when(row.nextAttemptAt) })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{row.attempts}</Table.Td>
            <Table.Td data-testid="outbox-channel">
              {row.deliveredVia
                ? tr(`outbox.channels.${row.deliveredVia}`, { defaultValue: t("outbox.channels.other") })
                : "—"}
            </Table.Td>
            <Table.Td maw={260} style={{ wordBreak: "break-word" }}>
              {row.lastError ? (
                <Text size="xs" c="red.9">
                  {row.lastError}
                </Text>
              ) : (
                "—"
              )}
            </Table.Td>
            <Table.Td>{row.status === "failed" && <RetryButton id={row.id} />}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
