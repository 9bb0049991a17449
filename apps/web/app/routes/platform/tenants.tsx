import { Anchor, Badge, Button, Paper, Table, Text, TextInput } from "@mantine/core";
import { listTenants } from "@rdlink/core/tenants/list-tenants";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { formatDate } from "~/lib/dates";
import { platformLoader } from "~/lib/platform-route.server";
import type { Route } from "./+types/tenants";

export function loader(args: Route.LoaderArgs) {
  const search = new URL(args.request.url).searchParams.get("q")?.slice(0, 60) ?? "";
  return platformLoader(args, async (platform) => ({
    tenants: await platform.outsideTenants((tx, ctx) => listTenants(tx, ctx, { search })),
    search,
  }));
}

export default function Tenants({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { tenants, search } = loaderData;
  return (
    <>
      <PageHeader
        title={t("platform.tenantsTitle")}
        intro={t("platform.tenantsIntro")}
        actions={
          <Button component={Link} to="/platform/onboard" leftSection={<IconPlus size={16} />}>
            {t("nav.onboard")}
          </Button>
        }
      />
      <Form method="get">
        <TextInput
          name="q"
          defaultValue={search}
          placeholder={t("common.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          mb="md"
          maw={360}
          aria-label={t("common.search")}
        />
      </Form>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("common.name")}</Table.Th>
                <Table.Th>{t("platform.code")}</Table.Th>
                <Table.Th>{t("platform.region")}</Table.Th>
                <Table.Th>{t("common.status")}</Table.Th>
                <Table.Th>{t("platform.createdAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tenants.map((tenant) => (
                <Table.Tr key={tenant.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/platform/tenants/${tenant.id}`} fw={600}>
                      {tenant.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace">{tenant.divisionCode}</Table.Td>
                  <Table.Td>
                    {tenant.provinceName} {tenant.cityName}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={tenant.status === "active" ? "green" : "gray"} variant="light">
                      {tenant.status === "active" ? t("common.active") : t("platform.suspended")}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(tenant.createdAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {tenants.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t("platform.noTenants")}
          </Text>
        )}
      </Paper>
    </>
  );
}
