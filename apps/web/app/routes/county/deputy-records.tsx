import { Anchor, Group, Select, Table, Text, UnstyledButton } from "@mantine/core";
import { listDeputyRecords } from "@rdlink/core/deputy-records/list-deputy-records";
import { RECORD_FIGURES } from "@rdlink/core/deputy-records/record-labels";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { IconChevronDown } from "@tabler/icons-react";
import { Link } from "react-router";
import { ExportButton } from "~/components/export-button";
import { ListPagination } from "~/components/list-pagination";
import { PageHeader } from "~/components/page-header";
import { RecordYearPicker } from "~/components/record-year-picker";
import { countyLoader } from "~/lib/county-route.server";
import { formatDate } from "~/lib/dates";
import { useListFilters } from "~/lib/list-filters";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/deputy-records";

export function loader(args: Route.LoaderArgs) {
  const input = Object.fromEntries(new URL(args.request.url).searchParams);
  return countyLoader(
    args,
    async (tx, ctx) => ({
      ...(await listDeputyRecords(tx, ctx, input)),
      townships: (await listTownships(tx, ctx, { pageSize: 200 })).rows.map((t) => ({ value: t.id, label: t.name })),
    }),
    "tenant.stats.read",
  );
}

/** Every deputy's 履职档案 for a year, in one table: sort by any figure, export it, open one deputy's. */
export default function DeputyRecords({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { params, setFilter } = useListFilters();
  const { rows, total, page, pageSize, year, thisYear, townships, scoring } = loaderData;
  const sort = params.get("sort");
  return (
    <>
      <PageHeader
        title={t("deputyRecords.title")}
        intro={t("deputyRecords.intro")}
        actions={<ExportButton to="/county/deputy-records/export" testId="deputy-records-export" />}
      />
      <Group mb="md" align="flex-end">
        <RecordYearPicker year={year} thisYear={thisYear} />
        {townships.length > 1 && (
          <Select
            label={t("deputyRecords.township")}
            data={townships}
            value={params.get("townshipId")}
            onChange={setFilter("townshipId")}
            clearable
            w={200}
          />
        )}
      </Group>
      {scoring.publishedAt && (
        <Text size="sm" mb="xs" c="dark.6" data-testid="score-published">
          {t("scoring.tablePublished", { year, date: formatDate(scoring.publishedAt, i18n.language) })}
        </Text>
      )}
      {sort && (
        <Text size="sm" mb="xs" c="dark.6">
          {t("deputyRecords.sortedBy", {
            figure: sort === "score" ? t("scoring.score") : t(`deputyRecords.figures.${sort}` as never),
          })}{" "}
          ·{" "}
          <Anchor component="button" size="sm" onClick={() => setFilter("sort")(null)}>
            {t("deputyRecords.byName")}
          </Anchor>
        </Text>
      )}
      <Table.ScrollContainer minWidth={scoring.scored ? 1300 : 1200}>
        <Table striped highlightOnHover data-testid="deputy-records">
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ whiteSpace: "nowrap" }}>{t("deputyRecords.deputy")}</Table.Th>
              <Table.Th style={{ whiteSpace: "nowrap" }}>{t("deputyRecords.township")}</Table.Th>
              {RECORD_FIGURES.map(({ key }) => (
                <Table.Th key={key} aria-sort={sort === key ? "descending" : undefined}>
                  <UnstyledButton
                    onClick={() => setFilter("sort")(key)}
                    title={t("deputyRecords.sortBy")}
                    fz="sm"
                    fw={600}
                  >
                    {t(`deputyRecords.figures.${key}`)}
                    {sort === key && <IconChevronDown size={12} aria-hidden />}
                  </UnstyledButton>
                </Table.Th>
              ))}
              {scoring.scored && (
                <Table.Th aria-sort={sort === "score" ? "descending" : undefined} style={{ whiteSpace: "nowrap" }}>
                  <UnstyledButton
                    onClick={() => setFilter("sort")("score")}
                    title={t("deputyRecords.sortBy")}
                    fz="sm"
                    fw={600}
                  >
                    {t("scoring.score")}
                    {sort === "score" && <IconChevronDown size={12} aria-hidden />}
                  </UnstyledButton>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor component={Link} to={`/county/deputies/${row.id}/record?year=${year}`}>
                    {row.name}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{row.townshipName}</Table.Td>
                {RECORD_FIGURES.map(({ key }) => (
                  <Table.Td key={key}>{row.record[key]}</Table.Td>
                ))}
                {scoring.scored && (
                  <Table.Td fw={700} data-testid="record-score">
                    {row.score ?? t("scoring.noScore")}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ListPagination total={total} page={page} pageSize={pageSize} />
      {rows.length === 0 && <Text c="dark.6">{t("deputyRecords.empty")}</Text>}
    </>
  );
}
