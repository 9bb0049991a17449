import { Anchor, Badge, Button, Group, Paper, Stack, Switch, Text, UnstyledButton } from "@mantine/core";
import { listMyNotifications } from "@rdlink/core/notifications/list-my-notifications";
import { markNotificationsRead } from "@rdlink/core/notifications/mark-notifications-read";
import { openNotification } from "@rdlink/core/notifications/open-notification";
import { IconChecks } from "@tabler/icons-react";
import { Link, redirect, useFetcher } from "react-router";
import { ListPagination } from "~/components/list-pagination";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { formatDateTime } from "~/lib/dates";
import { useListFilters } from "~/lib/list-filters";
import { notificationText } from "~/lib/notification-text";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/notifications";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = { unreadOnly: params.get("unread") ?? undefined, page: params.get("page") ?? undefined };
  return countyLoader(args, (tx, ctx) => listMyNotifications(tx, ctx, query));
}

export function action(args: Route.ActionArgs) {
  return intentAction(args, {
    // Opening one reads it and goes on to its case.
    open: async (tx, ctx, { id }) => {
      const { caseId } = await openNotification(tx, ctx, { id });
      return redirect(caseId ? `/work/cases/${caseId}` : "/notifications");
    },
    markOne: (tx, ctx, { id }) => markNotificationsRead(tx, ctx, { id }),
    markAll: (tx, ctx) => markNotificationsRead(tx, ctx, { all: true }),
  });
}

type Row = Route.ComponentProps["loaderData"]["rows"][number];

function NotificationItem({ row }: { row: Row }) {
  const { t, i18n } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const unread = row.readAt === null && fetcher.state === "idle";
  const text = notificationText(t, row.template, row.params, row.caseTitle);
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="notification"
      data-unread={unread ? "true" : "false"}
      style={unread ? { borderLeft: "4px solid var(--mantine-color-red-7)" } : undefined}
      bg={unread ? "white" : "gray.0"}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            {unread && (
              <Badge color="red" variant="filled" size="xs" mt={4} style={{ flexShrink: 0 }}>
                {t("notifications.unread")}
              </Badge>
            )}
            {row.caseId ? (
              <Anchor
                component={Link}
                to={`/work/cases/${row.caseId}`}
                onClick={(event) => {
                  // Opening an unread one reads it: the server marks it, then sends the browser to the
                  // case (a new tab, with a modifier key, just opens the case).
                  if (!unread || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
                  event.preventDefault();
                  fetcher.submit({ intent: "open", id: row.id }, { method: "post" });
                }}
                fw={unread ? 700 : 400}
                c="dark"
              >
                {text}
              </Anchor>
            ) : (
              <Text fw={unread ? 700 : 400}>{text}</Text>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {formatDateTime(row.createdAt, i18n.language)}
            {row.trackingCode ? ` · ${row.trackingCode}` : ""}
          </Text>
        </Stack>
        {unread && (
          <fetcher.Form method="post" style={{ flexShrink: 0 }}>
            <input type="hidden" name="id" value={row.id} />
            <UnstyledButton type="submit" name="intent" value="markOne" fz="sm" c="red.9">
              {t("notifications.markRead")}
            </UnstyledButton>
          </fetcher.Form>
        )}
      </Group>
    </Paper>
  );
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { params, setFilter } = useListFilters();
  const markAll = useFetcher<typeof action>();
  const { rows, total, unread, page, pageSize } = loaderData;
  return (
    <>
      <PageHeader
        title={t("notifications.title")}
        intro={t("notifications.intro")}
        actions={
          <markAll.Form method="post">
            <Button
              type="submit"
              name="intent"
              value="markAll"
              variant="light"
              leftSection={<IconChecks size={16} />}
              disabled={unread === 0}
              loading={markAll.state !== "idle"}
            >
              {t("notifications.markAllRead")}
            </Button>
          </markAll.Form>
        }
      />
      <Group mb="md" gap="lg">
        <Text size="sm" c={unread > 0 ? "red.9" : "dimmed"} fw={600} data-testid="unread-count">
          {unread > 0 ? t("notifications.unreadCount", { count: unread }) : t("notifications.allRead")}
        </Text>
        <Switch
          label={t("notifications.unreadOnly")}
          checked={params.get("unread") === "1"}
          onChange={(event) => setFilter("unread")(event.currentTarget.checked ? "1" : null)}
        />
      </Group>
      <Stack gap="xs" data-testid="notifications">
        {rows.map((row) => (
          <NotificationItem key={row.id} row={row} />
        ))}
      </Stack>
      {rows.length === 0 && (
        <Paper withBorder>
          <Text c="dimmed" ta="center" py="xl">
            {t("notifications.empty")}
          </Text>
        </Paper>
      )}
      <ListPagination total={total} page={page} pageSize={pageSize} />
    </>
  );
}
