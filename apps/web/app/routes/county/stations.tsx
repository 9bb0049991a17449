import { Anchor, Badge, Button, Paper, Table, Text, TextInput } from "@mantine/core";
import { can } from "@rdlink/auth";
import { listStations } from "@rdlink/core/stations/list-stations";
import { getDatabase } from "@rdlink/db";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Form, Link, useSearchParams } from "react-router";
import { ListPagination } from "~/components/list-pagination";
import { PageHeader } from "~/components/page-header";
import { loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import type { Route } from "./+types/stations";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const params = new URL(request.url).searchParams;
  const list = await loadOr404(() =>
    getDatabase().withTenant(tenantId, (tx) =>
      listStations(tx, ctx, { search: params.get("q") ?? undefined, page: params.get("page") ?? undefined }),
    ),
  );
  return { ...list, canCreate: can(ctx.actor, "tenant.stations.manage") };
}

export default function Stations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { rows, total, page, pageSize, canCreate } = loaderData;
  return (
    <>
      <PageHeader
        title={t("stations.title")}
        intro={t("stations.intro")}
        actions={
          canCreate && (
            <Button component={Link} to="/county/stations/new" leftSection={<IconPlus size={16} />}>
              {t("stations.new")}
            </Button>
          )
        }
      />
      <Form method="get">
        <TextInput
          name="q"
          defaultValue={params.get("q") ?? ""}
          placeholder={t("common.searchPlaceholder")}
          leftSection={<IconSearch size={16} />}
          mb="md"
          maw={360}
          aria-label={t("common.search")}
        />
      </Form>
      <Paper withBorder>
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="stations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("stations.name")}</Table.Th>
                <Table.Th>{t("stations.type")}</Table.Th>
                <Table.Th>{t("stations.township")}</Table.Th>
                <Table.Th>{t("stations.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((station) => (
                <Table.Tr key={station.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/county/stations/${station.id}`} fw={600}>
                      {station.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{station.typeName}</Table.Td>
                  <Table.Td>{station.townshipName}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={station.status === "active" ? "green" : "gray"}>
                      {t(`stations.statuses.${station.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {rows.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t("stations.empty")}
          </Text>
        )}
      </Paper>
      <ListPagination total={total} page={page} pageSize={pageSize} />
    </>
  );
}
