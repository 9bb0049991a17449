import { Anchor, Badge, Group, Paper, Stack, Table, Text } from "@mantine/core";
import type { TCountyHealth, TCountyHealthSort } from "@rdlink/core/tenants/list-county-health";
import { IconArrowDown, IconArrowsSort, IconArrowUp } from "@tabler/icons-react";
import { Link } from "react-router";
import { formatStorage, HEALTH_COLUMNS } from "~/lib/county-health";
import { formatDate, formatDateTime } from "~/lib/dates";
import { useTranslation } from "~/lib/use-translation";

/** The list's sort as the page has it, and where each header leads (worked out by the loader). */
export type THealthSort = {
  sort: TCountyHealthSort | null;
  direction: "asc" | "desc" | null;
  links: Record<TCountyHealthSort, string>;
};

/** A header that sorts by its column: a link that keeps the search, the arrow showing the order. */
function SortHeader({
  column,
  label,
  hint,
  sort,
}: {
  column: TCountyHealthSort;
  label: string;
  hint?: string;
  sort: THealthSort;
}) {
  const direction = sort.sort === column ? sort.direction : null;
  const Icon = direction === "asc" ? IconArrowUp : direction === "desc" ? IconArrowDown : IconArrowsSort;
  return (
    <Table.Th
      aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
      style={{ whiteSpace: "nowrap" }}
    >
      <Anchor
        component={Link}
        to={sort.links[column]}
        c="inherit"
        underline="never"
        title={hint}
        data-testid={`sort-${column}`}
      >
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </Anchor>
    </Table.Th>
  );
}

/** A count that is trouble when above zero (overdue cases, failed messages) is shown in red. */
const Trouble = ({ value }: { value: number }) => (
  <Text size="sm" c={value > 0 ? "red.8" : undefined} fw={value > 0 ? 700 : undefined}>
    {value}
  </Text>
);

/** The set and version a county started from, and the newer version it has not taken. */
export function TemplateSetOf({ row }: { row: Pick<TCountyHealth, "templateSet" | "upgradeTo"> }) {
  const { t } = useTranslation();
  if (!row.templateSet) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm">
        {row.templateSet.name} · {t("templates.versionLabel", { version: row.templateSet.version })}
      </Text>
      {row.upgradeTo !== null && (
        <Badge color="blue" variant="light">
          {t("templates.upgradeAvailable", { version: row.upgradeTo })}
        </Badge>
      )}
    </Stack>
  );
}

/**
 * The platform's tenant list with every county's health: who it is, its status, then its figures,
 * each column sortable (short headers, the full names as their tooltips and in the legend below);
 * a county idle for 60 days carries a badge under its name.
 */
export function CountyHealthTable({ rows, sort }: { rows: TCountyHealth[]; sort: THealthSort }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={1080}>
        <Table striped highlightOnHover verticalSpacing="sm" data-testid="county-health">
          <Table.Thead>
            <Table.Tr>
              <SortHeader column="name" label={t("countyHealth.columns.name")} sort={sort} />
              <SortHeader column="code" label={t("countyHealth.short.code")} hint={t("platform.code")} sort={sort} />
              <SortHeader column="status" label={t("common.status")} sort={sort} />
              {HEALTH_COLUMNS.map((column) => (
                <SortHeader
                  key={column.sort}
                  column={column.sort}
                  label={t(column.short)}
                  hint={"hint" in column ? `${t(column.label)}：${t(column.hint)}` : t(column.label)}
                  sort={sort}
                />
              ))}
              <SortHeader column="templateSet" label={t("templates.templateSet")} sort={sort} />
              <SortHeader column="createdAt" label={t("platform.createdAt")} sort={sort} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.tenantId} data-testid="county-health-row">
                <Table.Td miw={150}>
                  <Stack gap={2} align="flex-start">
                    <Anchor component={Link} to={`/platform/tenants/${row.tenantId}`} fw={600}>
                      {row.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {row.provinceName} {row.cityName}
                    </Text>
                    {row.inactive && (
                      <Badge color="orange" variant="light" title={t("countyHealth.inactiveHint")}>
                        {t("countyHealth.inactive")}
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td ff="monospace">{row.divisionCode}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Badge color={row.status === "active" ? "green" : "gray"} variant="light">
                    {row.status === "active" ? t("common.active") : t("platform.suspended")}
                  </Badge>
                </Table.Td>
                <Table.Td>{row.activeUsers}</Table.Td>
                <Table.Td>{row.casesOpened}</Table.Td>
                <Table.Td>{row.casesClosed}</Table.Td>
                <Table.Td>
                  <Trouble value={row.overdueCases} />
                </Table.Td>
                <Table.Td>
                  <Trouble value={row.outboxFailed} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatStorage(row.storageBytes)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {row.lastSignInAt ? (
                    formatDateTime(row.lastSignInAt, i18n.language)
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t("countyHealth.neverSignedIn")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <TemplateSetOf row={row} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(row.createdAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length === 0 && (
        <Text c="dimmed" ta="center" py="xl">
          {t("platform.noTenants")}
        </Text>
      )}
      <Text size="xs" c="dimmed" px="md" py="sm">
        {t("countyHealth.legend")}
      </Text>
    </Paper>
  );
}
