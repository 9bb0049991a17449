import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { getLedgerSummary } from "@rdlink/core/activities/get-ledger-summary";
import { IconPlus } from "@tabler/icons-react";
import { Link } from "react-router";
import { useTranslation } from "~/lib/use-translation";
import { LedgerFigures } from "./ledger-figures";

/**
 * The ledger section of a station or township page: this year's figures, the latest
 * entries, and links to the whole filtered ledger and to record an entry.
 */
export function LedgerSummary({
  ledger,
  filter,
}: {
  ledger: Awaited<ReturnType<typeof getLedgerSummary>>;
  /** `station=<id>` or `township=<id>`: the ledger page's filter for this place. */
  filter: string;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Stack gap={0}>
          <Title order={4}>{t("ledger.thisYear")}</Title>
          <Text size="xs" c="dimmed">
            {t("ledger.period", ledger.period)}
          </Text>
        </Stack>
        <Group gap="xs">
          {ledger.canRecord && (
            <Button
              component={Link}
              to={`/county/ledger/new?${filter}`}
              size="compact-sm"
              leftSection={<IconPlus size={14} />}
            >
              {t("ledger.record")}
            </Button>
          )}
          <Anchor component={Link} to={`/county/ledger?${filter}`} size="sm">
            {t("ledger.viewAll")}
          </Anchor>
        </Group>
      </Group>
      <LedgerFigures figures={ledger} testId="ledger-figures" />
      <Title order={5} mt="md" mb="xs">
        {t("ledger.latest")}
      </Title>
      {ledger.latest.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("ledger.empty")}
        </Text>
      ) : (
        <Stack gap={6} data-testid="ledger-latest">
          {ledger.latest.map((entry) => (
            <Group key={entry.id} gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" c="dimmed" ff="monospace" style={{ whiteSpace: "nowrap" }}>
                {entry.day}
              </Text>
              <Badge variant="light" style={{ flexShrink: 0 }}>
                {t(`ledger.kinds.${entry.kind}`)}
              </Badge>
              <Anchor component={Link} to={`/county/ledger/${entry.id}`} size="sm" lineClamp={1}>
                {entry.summary}
              </Anchor>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
