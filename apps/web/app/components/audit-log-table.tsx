import { Badge, Table, Text } from "@mantine/core";
import { auditDetailText } from "~/lib/audit-detail";
import { formatDateTime } from "~/lib/dates";
import { useTranslation } from "~/lib/use-translation";
import { ListTable } from "./list-table";

type AuditRow = {
  id: string | number;
  seq: number;
  at: Date | string;
  actorName: string | null;
  action: string;
  ip: string | null;
  detail: unknown;
  /** The county a platform row concerns; the platform's page shows the column. */
  tenantName?: string | null;
};

/**
 * An audit log a page at a time, newest first: its chain position, when, who, what (in the user's
 * language), from where and the detail as a sentence. An audit chain incident is marked.
 */
export function AuditLogTable({
  rows,
  paging,
  testId,
  countyColumn = false,
}: {
  rows: AuditRow[];
  paging: { total: number; page: number; pageSize: number };
  testId: string;
  countyColumn?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const tr = t as (key: string, options: { defaultValue: string }) => string;
  return (
    <>
      <Text c="dimmed" size="sm" mb="xs">
        {t("common.total", { count: paging.total })}
      </Text>
      <ListTable
        minWidth={900}
        verticalSpacing="xs"
        fz="sm"
        data-testid={testId}
        empty={t("common.none")}
        paging={paging}
        head={
          <>
            <Table.Th>#</Table.Th>
            <Table.Th>{t("county.auditTime")}</Table.Th>
            <Table.Th>{t("county.auditActor")}</Table.Th>
            <Table.Th>{t("county.auditAction")}</Table.Th>
            {countyColumn && <Table.Th>{t("platformAudit.county")}</Table.Th>}
            <Table.Th>{t("county.auditIp")}</Table.Th>
            <Table.Th>{t("county.auditDetail")}</Table.Th>
          </>
        }
      >
        {rows.map((row) => (
          <Table.Tr key={row.id}>
            <Table.Td c="dimmed">{row.seq}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(row.at, i18n.language)}</Table.Td>
            <Table.Td>{row.actorName ?? "—"}</Table.Td>
            <Table.Td>
              {row.action === "audit.chain_broken" && (
                <Badge color="red" variant="light" mr={6}>
                  {t("platformAudit.incident")}
                </Badge>
              )}
              {tr(`audit.${row.action}`, { defaultValue: row.action })}
            </Table.Td>
            {countyColumn && <Table.Td>{row.tenantName ?? "—"}</Table.Td>}
            <Table.Td ff="monospace">{row.ip ?? "—"}</Table.Td>
            <Table.Td data-testid="audit-detail">{auditDetailText(t, row.detail)}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
