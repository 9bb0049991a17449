import { Paper, Table, Text, Title } from "@mantine/core";
import type { TConsultationFigures } from "@rdlink/core/consultations/get-consultation-figures";
import { useTranslation } from "~/lib/use-translation";

/** 立法意见征集 on the dashboard: per township and year, consultations, comments, people, adopted. */
export function ConsultationFigures({ rows }: { rows: TConsultationFigures[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" mt="md">
      <Title order={5} mb="sm">
        {t("consultationDesk.figuresTitle")}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("consultationDesk.figuresNone")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped data-testid="dashboard-consultations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("consultationDesk.figuresYear")}</Table.Th>
                <Table.Th>{t("consultationDesk.figuresTownship")}</Table.Th>
                <Table.Th ta="right">{t("consultationDesk.figuresConsultations")}</Table.Th>
                <Table.Th ta="right">{t("consultationDesk.figuresComments")}</Table.Th>
                <Table.Th ta="right">{t("consultationDesk.figuresPeople")}</Table.Th>
                <Table.Th ta="right">{t("consultationDesk.figuresAdopted")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${row.year}-${row.townshipId}`}>
                  <Table.Td>{row.year}</Table.Td>
                  <Table.Td>{row.townshipName}</Table.Td>
                  <Table.Td ta="right">{row.consultations}</Table.Td>
                  <Table.Td ta="right">{row.comments}</Table.Td>
                  <Table.Td ta="right">{row.people}</Table.Td>
                  <Table.Td ta="right">{row.adopted}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
