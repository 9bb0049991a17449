import { Paper, Table, Text, Title } from "@mantine/core";
import type { TVotingFigures } from "@rdlink/core/voting/get-voting-figures";
import { useTranslation } from "~/lib/use-translation";

/** 民生实事项目票决 on the county dashboard: per street and year (see getVotingFigures). */
export function VotingFigures({ rows }: { rows: TVotingFigures[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" mt="md">
      <Title order={5} mb="sm">
        {t("voting.figures.title")}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">{t("voting.figures.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="dashboard-voting">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("voting.figures.street")}</Table.Th>
                <Table.Th>{t("voting.figures.year")}</Table.Th>
                <Table.Th ta="right">{t("voting.figures.meetings")}</Table.Th>
                <Table.Th ta="right">{t("voting.figures.present")}</Table.Th>
                <Table.Th ta="right">{t("voting.figures.candidates")}</Table.Th>
                <Table.Th ta="right">{t("voting.figures.chosen")}</Table.Th>
                <Table.Th ta="right">{t("voting.figures.completed")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.townshipId}-${r.year}`}>
                  <Table.Td>{r.townshipName}</Table.Td>
                  <Table.Td>{r.year}</Table.Td>
                  <Table.Td ta="right">{r.meetings}</Table.Td>
                  <Table.Td ta="right">{r.present}</Table.Td>
                  <Table.Td ta="right">{r.candidates}</Table.Td>
                  <Table.Td ta="right">{r.chosen}</Table.Td>
                  <Table.Td ta="right">{r.completed}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
