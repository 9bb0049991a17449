import { BarChart, DonutChart, LineChart } from "@mantine/charts";
import { Grid, Group, Paper, SimpleGrid, Table, Text, Title } from "@mantine/core";
import type { TCountyFigures } from "@rdlink/core/stats/get-county-figures";
import { useTranslation } from "~/lib/use-translation";
import { percent } from "./dashboard-figures";

/** Cases received and closed, by township and by month. */
export function CaseCharts({ figures }: { figures: Pick<TCountyFigures, "townships" | "months"> }) {
  const { t } = useTranslation();
  const series = [
    { name: "received", label: t("dashboard.figures.received"), color: "red.7" },
    { name: "closed", label: t("dashboard.figures.closed"), color: "teal.6" },
  ];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {t("dashboard.byTownshipChart")}
        </Title>
        <BarChart
          h={280}
          data={figures.townships.map((row) => ({ name: row.name, received: row.received, closed: row.closed }))}
          dataKey="name"
          series={series}
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
          series={series}
          withLegend
          curveType="monotone"
          tickLine="y"
        />
      </Paper>
    </SimpleGrid>
  );
}

/** How the rated cases were rated, beside the handling units ranked. */
export function RatingsAndLeague({ figures }: { figures: Pick<TCountyFigures, "total" | "units"> }) {
  const { t } = useTranslation();
  return (
    <Grid mb="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <SatisfactionChart total={figures.total} />
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
            <UnitLeague units={figures.units} />
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

function SatisfactionChart({ total }: { total: TCountyFigures["total"] }) {
  const { t } = useTranslation();
  const satisfaction = [
    { name: t("dashboard.satisfaction.satisfied"), value: total.satisfied, color: "teal.6" },
    { name: t("dashboard.satisfaction.basic"), value: total.basic, color: "yellow.5" },
    { name: t("dashboard.satisfaction.unsatisfied"), value: total.unsatisfied, color: "red.6" },
  ];
  return (
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
  );
}

function UnitLeague({ units }: { units: TCountyFigures["units"] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped fz="sm" verticalSpacing={6} data-testid="dashboard-league">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("dashboard.rank")}</Table.Th>
            <Table.Th>{t("dashboard.unit")}</Table.Th>
            <Table.Th ta="right">{t("dashboard.assigned")}</Table.Th>
            <Table.Th ta="right">{t("dashboard.figures.closed")}</Table.Th>
            <Table.Th ta="right">{t("dashboard.onTimeRate")}</Table.Th>
            <Table.Th ta="right">{t("dashboard.figures.satisfactionRate")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.map((unit, index) => (
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
  );
}
