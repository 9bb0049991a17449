import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { getTenant } from "@rdlink/core/tenants/get-tenant";
import { reissueInvitation } from "@rdlink/core/tenants/reissue-invitation";
import { setTenantStatus } from "@rdlink/core/tenants/set-tenant-status";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { InvitationLink } from "~/components/invitation-link";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { requirePermission } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import { invitationUrl } from "~/lib/urls";
import type { Route } from "./+types/tenant";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { ctx } = requirePermission(request, context, "platform.tenants.manage");
  return loadOr404(() =>
    getDatabase().withTenant(params.tenantId, async (tx) => ({
      ...(await getTenant(tx, ctx)),
      townships: await listTownships(tx, ctx, { pageSize: 200 }),
    })),
  );
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { ctx } = requirePermission(request, context, "platform.tenants.manage");
  const form = await readForm(request);
  try {
    return await getDatabase().withTenant(params.tenantId, async (tx) => {
      if (form.intent === "reissue") {
        return {
          ok: true as const,
          invitationUrl: invitationUrl(request, await reissueInvitation(tx, ctx, form.userId)),
        };
      }
      await setTenantStatus(tx, ctx, {
        status: form.intent === "suspend" ? "suspended" : form.intent === "reactivate" ? "active" : undefined,
      });
      return { ok: true as const, invitationUrl: null };
    });
  } catch (error) {
    return failureResponse(error);
  }
}

export default function Tenant({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const { tenant, admins, townships } = loaderData;
  const suspended = tenant.status === "suspended";
  return (
    <>
      <PageHeader
        title={tenant.name}
        intro={`${tenant.provinceName} ${tenant.cityName} · ${t("platform.code")} ${tenant.divisionCode}`}
        actions={
          <Badge size="lg" color={suspended ? "gray" : "green"} variant="light" data-testid="tenant-status">
            {suspended ? t("platform.suspended") : t("common.active")}
          </Badge>
        }
      />
      <Stack>
        {errors.form && <Text c="red">{errors.form}</Text>}
        {actionData?.ok && actionData.invitationUrl && (
          <InvitationLink url={actionData.invitationUrl} title={t("platform.invitationLink")} />
        )}
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
