import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { cancelCountyDeletion } from "@rdlink/core/tenants/cancel-county-deletion";
import { getCountyHealth } from "@rdlink/core/tenants/get-county-health";
import { getTenant } from "@rdlink/core/tenants/get-tenant";
import { reissueInvitation } from "@rdlink/core/tenants/reissue-invitation";
import { DELETION_GRACE_DAYS, scheduleCountyDeletion } from "@rdlink/core/tenants/schedule-county-deletion";
import { setTenantStatus } from "@rdlink/core/tenants/set-tenant-status";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { Form, useNavigation } from "react-router";
import { CountyHealthSection } from "~/components/county-health-section";
import { InvitationLink } from "~/components/invitation-link";
import { PageHeader } from "~/components/page-header";
import { formatDateTime } from "~/lib/dates";
import { useFormErrors } from "~/lib/form-errors";
import { platformLoader, type TenantIntentHandler, tenantIntentAction } from "~/lib/platform-route.server";
import { invitationUrl } from "~/lib/urls";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/tenant";

export function loader(args: Route.LoaderArgs) {
  return platformLoader(args, (platform) =>
    platform.inTenant(args.params.tenantId, async (tx, ctx) => ({
      ...(await getTenant(tx, ctx)),
      health: await getCountyHealth(tx, ctx),
      townships: await listTownships(tx, ctx, { pageSize: 200 }),
      deletionGraceDays: DELETION_GRACE_DAYS,
    })),
  );
}

/** What the page gets back: a new invitation link to show, or none. */
type TenantAnswer = { ok: true; invitationUrl: string | null };

export function action(args: Route.ActionArgs) {
  const setStatus =
    (status: "active" | "suspended"): TenantIntentHandler<TenantAnswer> =>
    async (tx, ctx) => {
      await setTenantStatus(tx, ctx, { status });
      return { ok: true, invitationUrl: null };
    };
  return tenantIntentAction<TenantAnswer>(args, args.params.tenantId, {
    reissue: async (tx, ctx, form) => ({
      ok: true,
      invitationUrl: invitationUrl(args.request, await reissueInvitation(tx, ctx, form.userId)),
    }),
    suspend: setStatus("suspended"),
    reactivate: setStatus("active"),
    scheduleDeletion: async (tx, ctx) => {
      await scheduleCountyDeletion(tx, ctx);
      return { ok: true, invitationUrl: null };
    },
    cancelDeletion: async (tx, ctx) => {
      await cancelCountyDeletion(tx, ctx);
      return { ok: true, invitationUrl: null };
    },
  });
}

export default function Tenant({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const { tenant, admins, townships, deletionGraceDays, health } = loaderData;
  const suspended = tenant.status === "suspended";
  return (
    <>
      <PageHeader
        title={tenant.name}
        intro={`${tenant.provinceName} ${tenant.cityName} · ${t("platform.code")} ${tenant.divisionCode}`}
        actions={
          <Badge
            size="lg"
            color={tenant.deletionDueAt ? "red" : suspended ? "gray" : "green"}
            variant="light"
            data-testid="tenant-status"
          >
            {tenant.deletionDueAt
              ? t("platform.deletionScheduled")
              : suspended
                ? t("platform.suspended")
                : t("common.active")}
          </Badge>
        }
      />
      <Stack>
        {errors.form && <Text c="red">{errors.form}</Text>}
        {actionData?.ok && actionData.invitationUrl && (
          <InvitationLink url={actionData.invitationUrl} invitedRole="county_admin" />
        )}
        <CountyHealthSection health={health} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              {t("platform.admins")}
            </Title>
            <Stack gap="xs">
              {admins.map((admin) => (
                <Group key={admin.userId} justify="space-between">
                  <div>
                    <Text fw={600}>{admin.displayName}</Text>
                    <Text size="xs" c="dimmed">
                      {admin.username}
                    </Text>
                  </div>
                  {admin.activated ? (
                    <Badge color="green" variant="light">
                      {t("platform.activated")}
                    </Badge>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="reissue" />
                      <input type="hidden" name="userId" value={admin.userId} />
                      <Group gap="xs">
                        <Badge color="yellow" variant="light">
                          {t("platform.pendingInvitation")}
                        </Badge>
                        <Button type="submit" size="compact-sm" variant="light" loading={busy}>
                          {t("platform.reissueInvitation")}
                        </Button>
                      </Group>
                    </Form>
                  )}
                </Group>
              ))}
            </Stack>
          </Paper>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              {t("common.status")}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t("platform.suspendConfirm")}
            </Text>
            <Form method="post">
              <input type="hidden" name="intent" value={suspended ? "reactivate" : "suspend"} />
              <Button
                type="submit"
                color={suspended ? "green" : "red"}
                variant={suspended ? "filled" : "outline"}
                loading={busy}
              >
                {suspended ? t("platform.reactivate") : t("platform.suspend")}
              </Button>
            </Form>
          </Paper>
        </SimpleGrid>
        <Paper withBorder p="md" data-testid="tenant-offboarding">
          <Title order={4} mb="xs">
            {t("platform.offboardingTitle")}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t("platform.offboardingIntro", { days: deletionGraceDays })}
          </Text>
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap">
              <div>
                <Text fw={600}>{t("platform.exportData")}</Text>
                <Text size="sm" c="dimmed">
                  {tenant.exportedAt
                    ? t("platform.lastExported", { at: formatDateTime(tenant.exportedAt, i18n.language) })
                    : t("platform.neverExported")}
                </Text>
              </div>
              {/* A document request: the browser saves the archive, the page stays. */}
              <Form method="post" action={`/platform/tenants/${tenant.id}/export`} reloadDocument>
                <Button type="submit" variant="light">
                  {t("platform.exportData")}
                </Button>
              </Form>
            </Group>
            <Text size="xs" c="dimmed">
              {t("platform.exportHint")}
            </Text>
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" fw={tenant.deletionDueAt ? 600 : undefined} c={tenant.deletionDueAt ? "red" : undefined}>
                {tenant.deletionDueAt
                  ? t("platform.deletionDue", { at: formatDateTime(tenant.deletionDueAt, i18n.language) })
                  : t("platform.deletionSteps")}
              </Text>
              <Form method="post">
                <input
                  type="hidden"
                  name="intent"
                  value={tenant.deletionDueAt ? "cancelDeletion" : "scheduleDeletion"}
                />
                <Button type="submit" color="red" variant={tenant.deletionDueAt ? "outline" : "filled"} loading={busy}>
                  {tenant.deletionDueAt ? t("platform.cancelDeletion") : t("platform.scheduleDeletion")}
                </Button>
              </Form>
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder>
          <Group p="md" justify="space-between">
            <Title order={4}>{t("county.townshipsTitle")}</Title>
            <Text c="dimmed" size="sm">
              {t("common.total", { count: townships.total })}
            </Text>
          </Group>
          <Table.ScrollContainer minWidth={480}>
            <Table striped data-testid="tenant-townships">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("county.townshipName")}</Table.Th>
                  <Table.Th>{t("county.townshipKind")}</Table.Th>
                  <Table.Th>{t("county.divisionCode")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {townships.rows.map((township) => (
                  <Table.Tr key={township.id}>
                    <Table.Td>{township.name}</Table.Td>
                    <Table.Td>{t(`townshipKinds.${township.kind}`)}</Table.Td>
                    <Table.Td ff="monospace">{township.divisionCode ?? t("county.manualEntry")}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Stack>
    </>
  );
}
