import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { formatDateTime } from "~/lib/dates";
import { type MigrationChoices, MigrationPanel } from "./migration-panel";

type Version = {
  id: string;
  version: number;
  publishedAt: string | Date;
  publishedBy: string | null;
  runningCases: number;
  doneCases: number;
};
type RecentCase = { id: string; version: number | null; state: string; status: string; createdAt: string | Date };

/**
 * The published versions (who, when, how many cases run on each), the migration of running
 * cases from an older version, and a small way to register a case on the latest one.
 */
export function VersionsPanel({
  versions,
  recentCases,
  stateLabel,
  migration,
}: {
  versions: Version[];
  recentCases: RecentCase[];
  stateLabel: (version: number | null, state: string) => string;
  migration: MigrationChoices;
}) {
  const { t, i18n } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  const register = useFetcher<{ ok: boolean }>();
  const at = (date: string | Date) => formatDateTime(date, i18n.language);
  return (
    <Stack gap="sm">
      {versions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("designer.versions.none")}
        </Text>
      )}
      <Stack gap={6} data-testid="versions">
        {versions.map((v) => (
          <Paper key={v.id} withBorder p="xs" data-testid={`version-${v.version}`}>
            <Group justify="space-between" gap={4}>
              <Text fw={700} size="sm">
                {tr("workflows.versionN", { version: v.version })}
              </Text>
              <Group gap={4}>
                <Badge variant="light" color="teal">
                  {tr("designer.versions.running", { count: v.runningCases })}
                </Badge>
                <Badge variant="light" color="gray">
                  {tr("designer.versions.done", { count: v.doneCases })}
                </Badge>
              </Group>
            </Group>
            <Text size="xs" c="dimmed">
              {tr("designer.versions.publishedBy", { name: v.publishedBy ?? "—", at: at(v.publishedAt) })}
            </Text>
          </Paper>
        ))}
      </Stack>
      {versions[0] && <MigrationPanel choices={migration} latestVersion={versions[0].version} />}
      {versions.length > 0 && (
        <register.Form method="post">
          <input type="hidden" name="intent" value="startCase" />
          <Title order={6} mb={4}>
            {t("designer.versions.registerCase")}
          </Title>
          <Group gap={6} align="flex-end" wrap="nowrap">
            <TextInput name="summary" size="xs" label={t("designer.versions.caseSummary")} style={{ flex: 1 }} />
            <Button type="submit" size="xs" loading={register.state !== "idle"}>
              {t("designer.versions.register")}
            </Button>
          </Group>
        </register.Form>
      )}
      <Title order={6}>{t("designer.versions.recentCases")}</Title>
      {recentCases.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("designer.versions.noCases")}
        </Text>
      ) : (
        <Table fz="xs" data-testid="recent-cases">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("designer.versions.registeredAt")}</Table.Th>
              <Table.Th>{t("designer.versions.caseVersion")}</Table.Th>
              <Table.Th>{t("designer.versions.caseState")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {recentCases.map((c) => (
              <Table.Tr key={c.id} data-testid="recent-case">
                <Table.Td>{at(c.createdAt)}</Table.Td>
                <Table.Td>{c.version ? tr("workflows.versionN", { version: c.version }) : "—"}</Table.Td>
                <Table.Td>{stateLabel(c.version, c.state)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
