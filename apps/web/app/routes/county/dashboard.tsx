import { BarChart, DonutChart, LineChart } from "@mantine/charts";
import {
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import type { TFigures } from "@rdlink/core/stats/get-county-figures";
import { getCountyFigures } from "@rdlink/core/stats/get-county-figures";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { getDatabase } from "@rdlink/db";
import { IconDownload } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { PageHeader } from "~/components/page-header";
import { loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { dashboardPeriods, dashboardQuery } from "~/lib/dashboard-period";
import { useListFilters } from "~/lib/list-filters";
import type { Route } from "./+types/dashboard";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const params = new URL(request.url).searchParams;
  const { period, input } = dashboardQuery(params, ctx.clock.now());
  return loadOr404(() =>
    getDatabase().withTenant(tenantId, async (tx) => ({
      period,
      figures: await getCountyFigures(tx, ctx, input),
      townships: (await listTownships(tx, ctx, { pageSize: 200 })).rows.map((t) => ({ value: t.id, label: t.name })),
      exportQuery: new URLSearchParams(
        Object.entries({ period, from: input.from, to: input.to, township: input.townshipId ?? "" }).filter(
          ([, v]) => v !== "",
        ),
      ).toString(),
    })),
  );
}

const percent = (rate: number | null) => (rate === null ? null : `${(rate * 100).toFixed(1)}%`);

/** A figure card: the number, its unit, and its name. */
function StatCard({
  label,
  value,
  unit,
  testId,
}: {
  label: string;
  value: string | null;
  unit?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const figure = testId.replace(/^stat-/, "");
  return (
    <Paper withBorder p="sm">
      {/* What the figure counts, for whoever reads it to a meeting or a report. */}
      <Tooltip label={t(`dashboard.definitions.${figure}` as never)} multiline w={280} withArrow>
        <Text size="xs" c="dimmed" style={{ cursor: "help" }} data-testid={`${testId}-label`}>
          {label}
        </Text>
      </Tooltip>
      <Group gap={4} align="baseline" wrap="nowrap">
        <Text fz={26} fw={700} c="red.8" data-testid={testId}>
          {value ?? t("dashboard.noValue")}
        </Text>
        {unit && value !== null && (
          <Text size="xs" c="dimmed">
            {unit}
          </Text>
        )}
      </Group>
    </Paper>
  );
}

const TABLE_FIGURES = [
  "received",
  "open",
  "overdue",
  "closed",
  "avgHandlingDays",
  "satisfactionRate",
  "peopleReceived",
  "disputesMediated",
  "jobsArranged",
] as const;

function cellOf(row: TFigures, key: (typeof TABLE_FIGURES)[number]): string {
  if (key === "satisfactionRate") return percent(row.satisfactionRate) ?? "—";
  if (key === "avgHandlingDays") return row.avgHandlingDays === null ? "—" : row.avgHandlingDays.toFixed(1);
  return row[key].toLocaleString();
}

/** A table of figures by township or station, the names first. */
function FiguresTable({
  rows,
  nameTitles,
  testId,
}: {
  rows: { key: string; names: string[]; figures: TFigures }[];
  nameTitles: string[];
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover fz="sm" verticalSpacing={6} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {nameTitles.map((title) => (
              <Table.Th key={title} style={{ whiteSpace: "nowrap" }}>
                {title}
              </Table.Th>
            ))}
            {TABLE_FIGURES.map((key) => (
              <Table.Th key={key} ta="right" style={{ whiteSpace: "nowrap" }}>
                {t(`dashboard.figures.${key}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              {row.names.map((name, i) => (
                <Table.Td key={`${row.key}-${i}`} style={{ whiteSpace: "nowrap" }}>
                  {name}
                </Table.Td>
              ))}
              {TABLE_FIGURES.map((key) => (
                <Table.Td key={key} ta="right">
                  {cellOf(row.figures, key)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { params, setFilter } = useListFilters();
  const { figures, townships, period, exportQuery } = loaderData;
  const { total } = figures;
  const satisfaction = [
    { name: t("dashboard.satisfaction.satisfied"), value: total.satisfied, color: "teal.6" },
    { name: t("dashboard.satisfaction.basic"), value: total.basic, color: "yellow.5" },
    { name: t("dashboard.satisfaction.unsatisfied"), value: total.unsatisfied, color: "red.6" },
  ];
  const received = t("dashboard.figures.received");
  const closed = t("dashboard.figures.closed");
  const people = t("dashboard.figures.peopleReceived");
  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        intro={t("dashboard.intro")}
        actions={
          <Button
            component="a"
            href={`/county/dashboard/export?${exportQuery}`}
            download
            variant="light"
            leftSection={<IconDownload size={16} />}
            data-testid="dashboard-export"
          >
            {t("dashboard.export")}
          </Button>
        }
      />
      <Form method="get">
        <Group mb="md" align="flex-end" gap="sm">
          <SegmentedControl
            aria-label={t("dashboard.period")}
            data={dashboardPeriods.map((p) => ({ value: p, label: t(`dashboard.periods.${p}`) }))}
            value={period}
            onChange={(value) => setFilter("period")(value === "year" ? null : value)}
          />
          {period === "custom" && (
            <>
              <input type="hidden" name="period" value="custom" />
              {params.get("township") && <input type="hidden" name="township" value={params.get("township")!} />}
              <TextInput
                name="from"
                type="date"
                label={t("dashboard.from")}
                defaultValue={figures.period.from}
                w={150}
              />
              <TextInput name="to" type="date" label={t("dashboard.to")} defaultValue={figures.period.to} w={150} />
              <Button type="submit" variant="default">
                {t("dashboard.apply")}
              </Button>
            </>
          )}
          {townships.length > 1 && (
            <Select
              aria-label={t("dashboard.township")}
              placeholder={t("dashboard.allTownships")}
              data={townships}
              value={params.get("township")}
              onChange={setFilter("township")}
              searchable
              clearable
              w={200}
            />
          )}
          <Text size="sm" c="dimmed" data-testid="dashboard-range">
            {t("dashboard.range", figures.period)}
          </Text>
        </Group>
      </Form>

      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} mb="md">
        <StatCard
          label={received}
          value={total.received.toLocaleString()}
          unit={t("dashboard.units.cases")}
          testId="stat-received"
        />
        <StatCard
          label={t("dashboard.figures.open")}
          value={total.open.toLocaleString()}
          unit={t("dashboard.units.cases")}
          testId="stat-open"
        />
        <StatCard
          label={t("dashboard.figures.overdue")}
          value={total.overdue.toLocaleString()}
          unit={t("dashboard.units.cases")}
          testId="stat-overdue"
        />
        <StatCard
          label={closed}
          value={total.closed.toLocaleString()}
          unit={t("dashboard.units.cases")}
          testId="stat-closed"
        />
        <StatCard
          label={t("dashboard.figures.avgHandlingDays")}
          value={total.avgHandlingDays === null ? null : total.avgHandlingDays.toFixed(1)}
          unit={t("dashboard.units.days")}
          testId="stat-avgHandlingDays"
        />
        <StatCard
          label={t("dashboard.figures.satisfactionRate")}
          value={percent(total.satisfactionRate)}
          testId="stat-satisfactionRate"
        />
        <StatCard
          label={people}
          value={total.peopleReceived.toLocaleString()}
          unit={t("dashboard.units.people")}
          testId="stat-peopleReceived"
        />
        <StatCard
          label={t("dashboard.figures.disputesMediated")}
          value={total.disputesMediated.toLocaleString()}
          unit={t("dashboard.units.disputes")}
          testId="stat-disputesMediated"
        />
        <StatCard
          label={t("dashboard.figures.jobsArranged")}
          value={total.jobsArranged.toLocaleString()}
          unit={t("dashboard.units.people")}
          testId="stat-jobsArranged"
        />
      </SimpleGrid>

      {figures.processes.length > 0 && (
        <Paper withBorder p="md" mb="md">
          <Title order={5} mb="sm">
            {t("dashboard.byProcess")}
          </Title>
          <Table.ScrollContainer minWidth={420}>
            <Table striped fz="sm" verticalSpacing={6} data-testid="figures-by-process">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("dashboard.process")}</Table.Th>
                  <Table.Th ta="right">{t("dashboard.processReceived")}</Table.Th>
                  <Table.Th ta="right">{t("dashboard.figures.open")}</Table.Th>
                  <Table.Th ta="right">{t("dashboard.figures.closed")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figures.processes.map((row) => (
                  <Table.Tr key={row.kind}>
                    <Table.Td>{t(`designer.workflowKinds.${row.kind}` as never)}</Table.Td>
                    <Table.Td ta="right">{row.received.toLocaleString()}</Table.Td>
                    <Table.Td ta="right">{row.open.toLocaleString()}</Table.Td>
                    <Table.Td ta="right">{row.closed.toLocaleString()}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            {t("dashboard.byTownshipChart")}
          </Title>
          <BarChart
            h={280}
            data={figures.townships.map((row) => ({ name: row.name, received: row.received, closed: row.closed }))}
            dataKey="name"
            series={[
              { name: "received", label: received, color: "red.7" },
              { name: "closed", label: closed, color: "teal.6" },
            ]}
            withLegend
            tickLine="y"
            xAxisProps={{ interval: 0, angle: -35, textAnchor: "end", height: 70, fontSize: 11 }}
          />
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            {t("dashboard.monthlyChart")}
          </Title>
          <LineChart
            h={280}
            data={figures.months}
            dataKey="month"
            series={[
              { name: "received", label: received, color: "red.7" },
              { name: "closed", label: closed, color: "teal.6" },
            ]}
            withLegend
            curveType="monotone"
            tickLine="y"
          />
        </Paper>
      </SimpleGrid>

      <Grid mb="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" h="100%">
            <Title order={5} mb="sm">
              {t("dashboard.satisfactionChart")}
            </Title>
            {total.rated > 0 ? (
              <Group justify="center" gap="lg">
                <DonutChart
                  data={satisfaction}
                  chartLabel={percent(total.satisfactionRate) ?? ""}
                  size={170}
                  thickness={26}
                  withTooltip
                />
                <div>
                  {satisfaction.map((slice) => (
                    <Text key={slice.name} size="sm">
                      <Text span c={slice.color} fw={700}>
                        ●
                      </Text>{" "}
                      {slice.name}：{slice.value}
                    </Text>
                  ))}
                </div>
              </Group>
            ) : (
              <Text c="dimmed" ta="center" py="xl">
                {t("dashboard.noRatings")}
              </Text>
            )}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md" h="100%">
            <Title order={5}>{t("dashboard.league")}</Title>
            <Text size="xs" c="dimmed" mb="sm">
              {t("dashboard.leagueIntro")}
            </Text>
            {figures.units.length === 0 ? (
              <Text c="dimmed" ta="center" py="xl">
                {t("dashboard.noUnits")}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={520}>
                <Table striped fz="sm" verticalSpacing={6} data-testid="dashboard-league">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("dashboard.rank")}</Table.Th>
                      <Table.Th>{t("dashboard.unit")}</Table.Th>
                      <Table.Th ta="right">{t("dashboard.assigned")}</Table.Th>
                      <Table.Th ta="right">{closed}</Table.Th>
                      <Table.Th ta="right">{t("dashboard.onTimeRate")}</Table.Th>
                      <Table.Th ta="right">{t("dashboard.figures.satisfactionRate")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {figures.units.map((unit, index) => (
                      <Table.Tr key={unit.handlingUnitId}>
                        <Table.Td>{index + 1}</Table.Td>
                        <Table.Td style={{ whiteSpace: "nowrap" }}>{unit.name}</Table.Td>
                        <Table.Td ta="right">{unit.assigned}</Table.Td>
                        <Table.Td ta="right">{unit.closed}</Table.Td>
                        <Table.Td ta="right">{percent(unit.onTimeRate) ?? "—"}</Table.Td>
                        <Table.Td ta="right">{percent(unit.satisfactionRate) ?? "—"}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </Grid.Col>
      </Grid>

      <Paper withBorder p="md" mb="md">
        <Title order={5} mb="sm">
          {t("dashboard.byTownship")}
        </Title>
        <FiguresTable
          testId="dashboard-townships"
          nameTitles={[t("dashboard.township")]}
          rows={figures.townships.map((row) => ({ key: row.townshipId, names: [row.name], figures: row }))}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {t("dashboard.byStation")}
        </Title>
        <FiguresTable
          testId="dashboard-stations"
          nameTitles={[t("dashboard.station"), t("dashboard.township")]}
          rows={figures.stations.map((row) => ({
            key: row.stationId,
            names: [row.name, row.townshipName],
            figures: row,
          }))}
        />
      </Paper>
    </>
  );
}
