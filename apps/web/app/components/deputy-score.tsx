import { Badge, Group, List, Paper, Text, Title } from "@mantine/core";
import { formatDate } from "~/lib/dates";
import { useTranslation } from "~/lib/use-translation";

export type TDeputyScore = {
  published: boolean;
  publishedAt: string | Date | null;
  score: number | null;
  rank: number | null;
  of: number | null;
  lines: string[];
};

/** A deputy's 考核得分 on their record: the published one (with rank), or the current rules' for staff, each point explained. */
export function DeputyScore({ score, own }: { score: TDeputyScore | null; own: boolean }) {
  const { t, i18n } = useTranslation();
  if (!score) {
    return own ? (
      <Text size="sm" c="dark.6" mt="md" data-testid="deputy-score-none">
        {t("scoring.notPublished")}
      </Text>
    ) : null;
  }
  return (
    <Paper withBorder p="md" mt="lg" data-testid="deputy-score">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" c="red.9">
          {score.score === null ? t("scoring.noScore") : t("scoring.myScore", { score: score.score })}
        </Title>
        {score.published && score.publishedAt ? (
          <Group gap="xs">
            {score.rank !== null && <Text size="sm">{t("scoring.rankOf", { rank: score.rank, count: score.of })}</Text>}
            <Badge color="green" variant="light">
              {t("scoring.publishedOn", { date: formatDate(score.publishedAt, i18n.language) })}
            </Badge>
          </Group>
        ) : (
          <Badge color="gray" variant="light">
            {t("scoring.liveNote")}
          </Badge>
        )}
      </Group>
      <List size="sm" spacing={4}>
        {score.lines.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
    </Paper>
  );
}
