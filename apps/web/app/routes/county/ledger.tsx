import { Anchor, Badge, Button, CloseButton, Group, Paper, Select, Table, Text, TextInput, Title } from "@mantine/core";
import { can } from "@rdlink/auth";
import { listActivities } from "@rdlink/core/activities/list-activities";
import { summarizeActivities } from "@rdlink/core/activities/summarize-activities";
import { getStation } from "@rdlink/core/stations/get-station";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { activityKinds } from "@rdlink/vocabulary/activity-kinds";
import { IconPlus } from "@tabler/icons-react";
import { Form, Link, useSubmit } from "react-router";
import { ExportButton } from "~/components/export-button";
import { LedgerFigures } from "~/components/ledger-figures";
import { ListSearch } from "~/components/list-search";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { countyLoader } from "~/lib/county-route.server";
import { useListFilters } from "~/lib/list-filters";
import { ledgerFilters } from "~/lib/list-queries";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/ledger";

export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const filters = ledgerFilters(params);
  return countyLoader(args, async (tx, ctx) => {
    // Both the figures and the list cover one period: this year so far unless chosen.
    const figures = await summarizeActivities(tx, ctx, filters);
    return {
      figures,
      list: await listActivities(tx, ctx, { ...filters, ...figures.period, page: params.get("page") ?? undefined }),
      townships: (await listTownships(tx, ctx, { pageSize: 200 })).rows.map((t) => ({ value: t.id, label: t.name })),
      // A station filter (from a station's page) is shown by name; one outside the actor's scope is a 404.
      stationName: filters.stationId ? (await getStation(tx, ctx, filters.stationId)).station.name : null,
      kinds: activityKinds,
      canRecord: can(ctx.actor, "tenant.activities.record"),
    };
  });
}

export default function Ledger({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { params, setFilter } = useListFilters();
  const submit = useSubmit();
  const { list, figures, townships, stationName, kinds, canRecord } = loaderData;
  const { rows, total, page, pageSize } = list;
  const stationParam = params.get("station");
  return (
    <>
      <PageHeader
        title={t("ledger.title")}
        intro={t("ledger.intro")}
        actions={
          <Group gap="xs">
            <ExportButton to="/county/ledger/export" testId="ledger-export" />
            {canRecord && (
              <Button
                component={Link}
                to={`/county/ledger/new${stationParam ? `?station=${stationParam}` : ""}`}
                leftSection={<IconPlus size={16} />}
              >
                {t("ledger.record")}
              </Button>
            )}
          </Group>
        }
      />
      <Form method="get" onChange={(event) => submit(event.currentTarget)}>
        {stationParam && <input type="hidden" name="station" value={stationParam} />}
        <Group mb="md" align="flex-end" gap="sm">
          <ListSearch placeholder={t("ledger.search")} aria-label={t("ledger.search")} w={220} />
          {townships.length > 1 && (
            <Select
              name="township"
              aria-label={t("ledger.township")}
              placeholder={t("ledger.allTownships")}
              data={townships}
              value={params.get("township")}
              onChange={setFilter("township")}
              searchable
              clearable
              w={180}
            />
          )}
          <Select
            name="kind"
            aria-label={t("ledger.kind")}
            placeholder={t("ledger.allKinds")}
            data={kinds.map((k) => ({ value: k, label: t(`ledger.kinds.${k}`) }))}
            value={params.get("kind")}
            onChange={setFilter("kind")}
            clearable
            w={160}
          />
          <TextInput name="from" type="date" label={t("ledger.from")} defaultValue={figures.period.from} w={150} />
          <TextInput name="to" type="date" label={t("ledger.to")} defaultValue={figures.period.to} w={150} />
        </Group>
      </Form>
      {stationName && (
        <Group gap={4} mb="sm">
          <Badge
            size="lg"
            variant="light"
            rightSection={
              <CloseButton size="xs" aria-label={t("common.cancel")} onClick={() => setFilter("station")(null)} />
            }
          >
            {t("ledger.station")}：{stationName}
          </Badge>
        </Group>
      )}
      <Paper withBorder p="md" mb="md">
        <Group justify="space-between" mb="xs">
          <Title order={5}>{t("ledger.total")}</Title>
          <Text size="xs" c="dimmed">
            {t("ledger.period", figures.period)}
          </Text>
        </Group>
        <LedgerFigures figures={figures} testId="ledger-total" />
      </Paper>
      <Text c="dimmed" size="sm" mb="xs">
        {t("common.total", { count: total })}
      </Text>
      <ListTable
        minWidth={900}
        highlightOnHover
        data-testid="ledger"
        empty={t("ledger.empty")}
        paging={{ total, page, pageSize }}
        head={
          <>
            <Table.Th w={112}>{t("ledger.day")}</Table.Th>
            <Table.Th w={136}>{t("ledger.kind")}</Table.Th>
            <Table.Th>{t("ledger.station")}</Table.Th>
            <Table.Th>{t("ledger.summary")}</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
              {t("ledger.peopleReceived")}
            </Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
              {t("ledger.disputesMediated")}
            </Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
              {t("ledger.jobsArranged")}
            </Table.Th>
          </>
        }
      >
        {rows.map((entry) => (
          <Table.Tr key={entry.id}>
            <Table.Td ff="monospace" style={{ whiteSpace: "nowrap" }}>
              {entry.day}
            </Table.Td>
            <Table.Td>
              <Badge variant="light">{t(`ledger.kinds.${entry.kind}`)}</Badge>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{entry.stationName}</Text>
              <Text size="xs" c="dimmed">
                {entry.townshipName}
              </Text>
            </Table.Td>
            <Table.Td maw={360}>
              <Anchor component={Link} to={`/county/ledger/${entry.id}`} size="sm" lineClamp={2}>
                {entry.summary}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[
                  entry.deputyCount > 0 && t("ledger.deputyCount", { count: entry.deputyCount }),
                  entry.photoCount > 0 && t("ledger.photoCount", { count: entry.photoCount }),
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
            </Table.Td>
            <Table.Td ta="right">{entry.peopleReceived}</Table.Td>
            <Table.Td ta="right">{entry.disputesMediated}</Table.Td>
            <Table.Td ta="right">{entry.jobsArranged}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
