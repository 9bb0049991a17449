import { Paper, SimpleGrid, Table, Text } from "@mantine/core";
import type { summarizeActivities } from "@rdlink/core/activities/summarize-activities";
import { useTranslation } from "~/lib/use-translation";

export type LedgerFiguresData = Awaited<ReturnType<typeof summarizeActivities>>;

const FIGURES = ["entries", "peopleReceived", "disputesMediated", "jobsArranged"] as const;

/** The four figures counties report, in total and by kind of activity (kinds with no entry left out). */
export function LedgerFigures({ figures, testId }: { figures: LedgerFiguresData; testId: string }) {
  const { t } = useTranslation();
  const label = (figure: (typeof FIGURES)[number]) =>
    figure === "entries" ? t("ledger.entries") : t(`ledger.${figure}`);
  const kinds = figures.byKind.filter((k) => k.entries > 0);
  return (
    <div data-testid={testId}>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="sm">
        {FIGURES.map((figure) => (
          <Paper key={figure} withBorder p="sm">
            <Text size="xs" c="dimmed">
              {label(figure)}
            </Text>
            <Text fz={26} fw={700} c="red.9" data-testid={`${testId}-${figure}`}>
              {figures.total[figure].toLocaleString()}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {kinds.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={{ whiteSpace: "nowrap" }}>{t("ledger.kind")}</Table.Th>
                {FIGURES.map((figure) => (
                  <Table.Th key={figure} ta="right" style={{ whiteSpace: "nowrap" }}>
                    {label(figure)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {kinds.map((row) => (
                <Table.Tr key={row.kind}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{t(`ledger.kinds.${row.kind}`)}</Table.Td>
                  {FIGURES.map((figure) => (
                    <Table.Td key={figure} ta="right">
                      {row[figure].toLocaleString()}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </div>
  );
}
