import { Select, Table, Text } from "@mantine/core";
import { checkCountyAuditChain } from "@rdlink/core/audit/check-county-audit-chain";
import { listAuditLog } from "@rdlink/core/audit/list-audit-log";
import { resources, type Translation } from "@rdlink/i18n";
import { useTranslation } from "react-i18next";
import { AuditChainCheck } from "~/components/audit-chain-check";
import { ExportButton } from "~/components/export-button";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { auditDetailText } from "~/lib/audit-detail";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { formatDateTime } from "~/lib/dates";
import { useListFilters } from "~/lib/list-filters";
import { auditQuery } from "~/lib/list-queries";
import type { Route } from "./+types/audit";

/** The filter's groups of actions: those the translations name (a test keeps them complete). */
const GROUPS = Object.keys(resources["zh-CN"].translation.auditGroups) as (keyof Translation["auditGroups"])[];

export function loader(args: Route.LoaderArgs) {
  const query = auditQuery(new URL(args.request.url).searchParams);
  return countyLoader(args, (tx, ctx) => listAuditLog(tx, ctx, query));
}

export function action(args: Route.ActionArgs) {
  return intentAction(
    args,
    { verify: async (tx, ctx) => ({ report: await checkCountyAuditChain(tx, ctx) }) },
    "tenant.audit.read",
  );
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const tr = t as (key: string, options: { defaultValue: string }) => string;
  const { params, setFilter } = useListFilters();
  const { rows, total, page, pageSize } = loaderData;
  return (
    <>
      <PageHeader
        title={t("county.auditTitle")}
        intro={t("county.auditIntro")}
        actions={<ExportButton to="/county/audit/export" testId="audit-export" />}
      />
      <AuditChainCheck />
      <Select
        label={t("county.auditFilter")}
        data={[
          { value: "", label: t("county.auditAll") },
          ...GROUPS.map((group) => ({ value: `${group}.`, label: t(`auditGroups.${group}`) })),
        ]}
        value={params.get("action") ?? ""}
        onChange={setFilter("action")}
        maw={240}
        mb="md"
      />
      <Text c="dimmed" size="sm" mb="xs">
        {t("common.total", { count: total })}
      </Text>
      <ListTable
        minWidth={900}
        verticalSpacing="xs"
        fz="sm"
        data-testid="audit-log"
        empty={t("common.none")}
        paging={{ total, page, pageSize }}
        head={
          <>
            <Table.Th>#</Table.Th>
            <Table.Th>{t("county.auditTime")}</Table.Th>
            <Table.Th>{t("county.auditActor")}</Table.Th>
            <Table.Th>{t("county.auditAction")}</Table.Th>
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
            <Table.Td>{tr(`audit.${row.action}`, { defaultValue: row.action })}</Table.Td>
            <Table.Td ff="monospace">{row.ip ?? "—"}</Table.Td>
            <Table.Td data-testid="audit-detail">{auditDetailText(t, row.detail)}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
