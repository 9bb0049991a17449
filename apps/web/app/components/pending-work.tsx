import { Button, Paper, SimpleGrid, Table, Text, Title } from "@mantine/core";
import type { getMyDesk } from "@rdlink/core/desk/get-my-desk";
import { Link } from "react-router";
import { useTranslation } from "~/lib/use-translation";
import { CaseTable } from "./work/case-table";

type PendingWorkData = Pick<Awaited<ReturnType<typeof getMyDesk>>, "counts" | "cases">;

/**
 * 待我办理: the open cases on the user's desk counted by urgency (each figure opens the
 * workbench with that filter) and the most urgent of them.
 */
export function PendingWork({ counts, cases }: PendingWorkData) {
  const { t } = useTranslation();
  const urgency = [
    { key: "overdue", value: counts.overdue, color: "red.9", to: "/work?deadline=overdue" },
    { key: "warning", value: counts.warning, color: "orange.9", to: "/work?deadline=warning" },
    { key: "total", value: counts.total, color: "dark.7", to: "/work" },
  ] as const;
  return (
    <section aria-labelledby="pending-work" data-testid="pending-work">
      <Title order={2} size="h4" id="pending-work" mb="sm">
        {t("desk.pending")}
      </Title>
      <SimpleGrid cols={3} spacing="sm" mb="sm">
        {urgency.map(({ key, value, color, to }) => (
          <Paper
            key={key}
            component={Link}
            to={to}
            withBorder
            p="md"
            data-testid={`desk-${key}`}
            style={{ textDecoration: "none" }}
          >
            <Text size="sm" c="dark.6">
              {t(`desk.counts.${key}`)}
            </Text>
            <Text fz={32} fw={700} c={value > 0 ? color : "dark.6"} data-testid={`desk-${key}-count`}>
              {value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {cases.length > 0 ? (
        <>
          {/* A phone scrolls the table sideways rather than squeezing its columns to a character. */}
          <Table.ScrollContainer minWidth={760}>
            <CaseTable cases={cases} />
          </Table.ScrollContainer>
          {counts.total > cases.length && (
            <Button component={Link} to="/work" variant="light" mt="sm">
              {t("desk.allCases", { count: counts.total })}
            </Button>
          )}
        </>
      ) : (
        <Text c="dark.6">{t("desk.nothingPending")}</Text>
      )}
    </section>
  );
}
