import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { TCountyHealth } from "@rdlink/core/tenants/list-county-health";
import { formatStorage, HEALTH_COLUMNS } from "~/lib/county-health";
import { formatDateTime } from "~/lib/dates";
import { useTranslation } from "~/lib/use-translation";
import { TemplateSetOf } from "./county-health-table";

/** 运行状况 on a county's platform page: the figures of its row in the tenant list. */
export function CountyHealthSection({ health }: { health: TCountyHealth }) {
  const { t, i18n } = useTranslation();
  const when = (at: Date | null, none: string) => (at ? formatDateTime(at, i18n.language) : none);
  const value = (column: (typeof HEALTH_COLUMNS)[number]["sort"]) => {
    switch (column) {
      case "storageBytes":
        return formatStorage(health.storageBytes);
      case "lastSignInAt":
        return when(health.lastSignInAt, t("countyHealth.neverSignedIn"));
      default:
        return String(health[column]);
    }
  };
  const trouble = (column: string) =>
    (column === "overdueCases" && health.overdueCases > 0) || (column === "outboxFailed" && health.outboxFailed > 0);
  return (
    <Paper withBorder p="md" data-testid="county-health-section">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={4}>{t("countyHealth.sectionTitle")}</Title>
        {health.inactive && (
          <Badge color="orange" variant="light" title={t("countyHealth.inactiveHint")}>
            {t("countyHealth.inactive")}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="sm">
        {HEALTH_COLUMNS.map((column) => (
          <Stack key={column.sort} gap={2} title={"hint" in column ? t(column.hint) : undefined}>
            <Text size="xs" c="dimmed">
              {t(column.label)}
            </Text>
            <Text fw={600} c={trouble(column.sort) ? "red.8" : undefined}>
              {value(column.sort)}
            </Text>
          </Stack>
        ))}
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t("countyHealth.columns.lastActivity")}
          </Text>
          <Text fw={600}>{when(health.lastActivityAt, t("countyHealth.noActivity"))}</Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t("templates.templateSet")}
          </Text>
          <TemplateSetOf row={health} />
        </Stack>
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="sm">
        {t("countyHealth.sectionIntro")}
      </Text>
    </Paper>
  );
}
