import { Group, Paper, SimpleGrid, Table, Text, Title, Tooltip } from "@mantine/core";
import type { TCountyFigures, TFigures } from "@rdlink/core/stats/get-county-figures";
import { useTranslation } from "~/lib/use-translation";

/** A rate as a percentage with one decimal, or null where there is nothing to divide. */
export const percent = (rate: number | null) => (rate === null ? null : `${(rate * 100).toFixed(1)}%`);

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
        <Text fz={26} fw={700} c="red.9" data-testid={testId}>
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

/** The county's totals for the period, one card each. */
export function StatCards({ total }: { total: TCountyFigures["total"] }) {
  const { t } = useTranslation();
  const cases = t("dashboard.units.cases");
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} mb="md">
      <StatCard
        label={t("dashboard.figures.received")}
        value={total.received.toLocaleString()}
        unit={cases}
        testId="stat-received"
      />
      <StatCard
        label={t("dashboard.figures.open")}
        value={total.open.toLocaleString()}
        unit={cases}
        testId="stat-open"
      />
      <StatCard
        label={t("dashboard.figures.overdue")}
        value={total.overdue.toLocaleString()}
        unit={cases}
        testId="stat-overdue"
      />
      <StatCard
        label={t("dashboard.figures.closed")}
        value={total.closed.toLocaleString()}
        unit={cases}
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
        label={t("dashboard.figures.peopleReceived")}
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
  );
}

/** Cases received, open and closed by the process that handles them. */
export function ProcessFigures({ processes }: { processes: TCountyFigures["processes"] }) {
  const { t } = useTranslation();
  return (
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
            {processes.map((row) => (
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
export function FiguresTable({
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
