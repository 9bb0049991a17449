import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { TSuggestionFigures, TUnitSuggestionFigures } from "@rdlink/core/suggestions/get-session-figures";
import { IconFileSpreadsheet, IconPrinter } from "@tabler/icons-react";
import { Link } from "react-router";
import { formatRate } from "~/lib/rate";
import { useTranslation } from "~/lib/use-translation";
import { ListTable } from "./list-table";

/** "12 / 15" under a rate: what it was divided from. */
const partOf = (part: number, whole: number) => `${part} / ${whole}`;

/**
 * 办理情况: a session's figures (counts and rates, each with its own test id) and the units'
 * league table, ordered by 按期答复率 then 满意率 as the use case gives it.
 */
export function SessionFigures({
  sessionId,
  total,
  units,
}: {
  sessionId: string;
  total: TSuggestionFigures;
  units: TUnitSuggestionFigures[];
}) {
  const { t } = useTranslation();
  const card = (testId: string, label: string, value: string | number, detail?: string) => (
    <Paper withBorder p="sm">
      <Text size="sm" c="dark.6">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`figure-${testId}`}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dark.6">
          {detail}
        </Text>
      )}
    </Paper>
  );
  return (
    <Stack gap="sm" mb="xl" data-testid="session-figures">
      <Group justify="space-between">
        <Title order={3}>{t("sessions.figures.title")}</Title>
        <Group gap="xs">
          <Button
            component="a"
            href={`/county/sessions/${sessionId}/report.xlsx`}
            variant="default"
            size="xs"
            leftSection={<IconFileSpreadsheet size={14} />}
            data-testid="session-report-xlsx"
          >
            {t("sessions.figures.reportXlsx")}
          </Button>
          <Button
            component={Link}
            to={`/county/sessions/${sessionId}/report`}
            variant="default"
            size="xs"
            leftSection={<IconPrinter size={14} />}
          >
            {t("sessions.figures.report")}
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
        {card("suggestions", t("sessions.figures.suggestions"), total.suggestions)}
        {card("assigned", t("sessions.figures.assigned"), total.assigned)}
        {card("answered", t("sessions.figures.answered"), total.answered)}
        {card(
          "on-time-rate",
          t("sessions.figures.onTimeRate"),
          formatRate(total.onTimeRate),
          partOf(total.answeredOnTime, total.answered),
        )}
        {card(
          "consulted-rate",
          t("sessions.figures.consultedRate"),
          formatRate(total.consultedRate),
          partOf(total.consulted, total.answered),
        )}
        {card(
          "satisfaction-rate",
          t("sessions.figures.satisfactionRate"),
          formatRate(total.satisfactionRate),
          `${partOf(total.satisfied, total.rated)}（${t("sessions.figures.satisfactionHint")}）`,
        )}
        {card(
          "classes",
          t("sessions.figures.classes"),
          `${total.classA} / ${total.classB} / ${total.classC}`,
          `${formatRate(total.classAShare)} / ${formatRate(total.classBShare)} / ${formatRate(total.classCShare)}`,
        )}
        {card(
          "key-supervision",
          t("sessions.figures.keySupervision"),
          partOf(total.keySupervisionClosed, total.keySupervision),
        )}
        {card(
          "kept-rate",
          t("sessions.figures.keptRate"),
          formatRate(total.keptRate),
          partOf(total.kept, total.revisited),
        )}
      </SimpleGrid>
      <Title order={4} mt="sm">
        {t("sessions.figures.league")}
      </Title>
      <Text size="sm" c="dark.6">
        {t("sessions.figures.leagueHint")}
      </Text>
      <UnitLeague units={units} />
      <Anchor component={Link} to="/county/revisits" size="sm">
        {t("revisits.title")} →
      </Anchor>
    </Stack>
  );
}

/** The units' league table (shared by the session page and the printed summary). */
export function UnitLeague({ units, printed = false }: { units: TUnitSuggestionFigures[]; printed?: boolean }) {
  const { t } = useTranslation();
  const head = (
    <>
      <Table.Th>{t("sessions.figures.rank")}</Table.Th>
      <Table.Th>{t("sessions.figures.unit")}</Table.Th>
      <Table.Th ta="right">{t("sessions.figures.assigned")}</Table.Th>
      <Table.Th ta="right">{t("sessions.figures.answered")}</Table.Th>
      <Table.Th ta="right">{t("sessions.figures.onTimeRate")}</Table.Th>
      <Table.Th ta="right">{t("sessions.figures.consultedRate")}</Table.Th>
      <Table.Th ta="right">{t("sessions.figures.satisfactionRate")}</Table.Th>
      <Table.Th ta="right">{t("sessions.figures.classes")}</Table.Th>
      <Table.Th ta="right">{t("sessions.figures.keptRate")}</Table.Th>
    </>
  );
  const rows = units.map((u, index) => (
    <Table.Tr key={u.unitId} data-testid="league-row">
      <Table.Td>{index + 1}</Table.Td>
      <Table.Td>{u.unitName}</Table.Td>
      <Table.Td ta="right">{u.assigned}</Table.Td>
      <Table.Td ta="right">{u.answered}</Table.Td>
      <Table.Td ta="right">{formatRate(u.onTimeRate)}</Table.Td>
      <Table.Td ta="right">{formatRate(u.consultedRate)}</Table.Td>
      <Table.Td ta="right">{formatRate(u.satisfactionRate)}</Table.Td>
      <Table.Td ta="right">
        {u.classA} / {u.classB} / {u.classC}
      </Table.Td>
      <Table.Td ta="right">{formatRate(u.keptRate)}</Table.Td>
    </Table.Tr>
  ));
  if (printed) {
    return (
      <Table className="league" withTableBorder withColumnBorders data-testid="unit-league">
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows}</Table.Tbody>
      </Table>
    );
  }
  return (
    <ListTable
      minWidth={820}
      data-testid="unit-league"
      empty={t("sessions.figures.noUnits")}
      paging={{ total: units.length, page: 1, pageSize: Math.max(units.length, 1) }}
      head={head}
    >
      {rows}
    </ListTable>
  );
}
