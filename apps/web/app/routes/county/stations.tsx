import { Anchor, Badge, Button, Group, Select, Table } from "@mantine/core";
import { can } from "@rdlink/auth";
import { listStationTypes } from "@rdlink/core/station-types/list-station-types";
import { listStations } from "@rdlink/core/stations/list-stations";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { IconPlus } from "@tabler/icons-react";
import { Form, Link, useSubmit } from "react-router";
import { ListSearch, ListTotal } from "~/components/list-search";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyLoader } from "~/lib/county-route.server";
import { useListFilters } from "~/lib/list-filters";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/stations";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    search: params.get("q") ?? undefined,
    townshipId: params.get("township") ?? undefined,
    stationTypeId: params.get("type") ?? undefined,
    status: params.get("status") ?? undefined,
    page: params.get("page") ?? undefined,
  };
  return countyLoader(args, async (tx, ctx) => ({
    ...(await listStations(tx, ctx, query)),
    townships: (await listTownships(tx, ctx, { pageSize: 200 })).rows.map((t) => ({ value: t.id, label: t.name })),
    types: (await listStationTypes(tx, ctx)).map((t) => ({ value: t.id, label: t.name })),
    canCreate: can(ctx.actor, "tenant.stations.manage"),
  }));
}

export default function Stations({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { params, setFilter } = useListFilters();
  const submit = useSubmit();
  const { rows, total, page, pageSize, canCreate, townships, types } = loaderData;
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
      <Form method="get" onChange={(event) => submit(event.currentTarget)}>
        <Group mb="md">
          <ListSearch w={240} />
          {townships.length > 1 && (
            <Select
              aria-label={t("stations.township")}
              placeholder={t("stations.township")}
              data={townships}
              value={params.get("township")}
              onChange={setFilter("township")}
              searchable
              clearable
              w={180}
            />
          )}
          <Select
            aria-label={t("stations.type")}
            placeholder={t("stations.type")}
            data={types}
            value={params.get("type")}
            onChange={setFilter("type")}
            clearable
            w={200}
          />
          <Select
            aria-label={t("stations.status")}
            placeholder={t("stations.status")}
            data={(["planned", "active", "closed"] as const).map((s) => ({
              value: s,
              label: t(`stations.statuses.${s}`),
            }))}
            value={params.get("status")}
            onChange={setFilter("status")}
            clearable
            w={120}
          />
          <ListTotal total={total} />
        </Group>
      </Form>
      <ListTable
        minWidth={600}
        highlightOnHover
        data-testid="stations"
        empty={t("stations.empty")}
        paging={{ total, page, pageSize }}
        head={
          <>
            <Table.Th>{t("stations.name")}</Table.Th>
            <Table.Th>{t("stations.type")}</Table.Th>
            <Table.Th>{t("stations.township")}</Table.Th>
            <Table.Th>{t("stations.status")}</Table.Th>
          </>
        }
      >
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
      </ListTable>
    </>
  );
}
