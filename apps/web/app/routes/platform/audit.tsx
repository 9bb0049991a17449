import { Badge, Checkbox, Table, Text } from "@mantine/core";
import { checkPlatformAuditChain } from "@rdlink/core/audit/check-platform-audit-chain";
import { listPlatformAuditLog } from "@rdlink/core/audit/list-platform-audit-log";
import { ValidationError } from "@rdlink/core/shared/errors";
import { useTranslation } from "react-i18next";
import { AuditChainCheck } from "~/components/audit-chain-check";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { readForm } from "~/lib/actions.server";
import { auditDetailText } from "~/lib/audit-detail";
import { formatDateTime } from "~/lib/dates";
import { useListFilters } from "~/lib/list-filters";
import { platformAction, platformLoader } from "~/lib/platform-route.server";
import type { Route } from "./+types/audit";

export function loader(args: Route.LoaderArgs) {
  const query = Object.fromEntries(new URL(args.request.url).searchParams);
  return platformLoader(args, (platform) => platform.outsideTenants((tx, ctx) => listPlatformAuditLog(tx, ctx, query)));
}

export function action(args: Route.ActionArgs) {
  return platformAction(args, async (platform) => {
    const { intent } = await readForm(platform.request);
    if (intent !== "verify") throw new ValidationError({}, "errors.unknownIntent");
    return { ok: true as const, report: await platform.outsideTenants((tx, ctx) => checkPlatformAuditChain(tx, ctx)) };
  });
}

/** The platform's audit trail and its chain: staff actions, sign-ins of no county, the nightly check's incidents. */
export default function PlatformAudit({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const tr = t as (key: string, options: { defaultValue: string }) => string;
  const { setFilter } = useListFilters();
  const { rows, total, page, pageSize, incidents } = loaderData;
  return (
    <>
      <PageHeader title={t("platformAudit.title")} intro={t("platformAudit.intro")} />
      <AuditChainCheck />
      <Checkbox
        label={t("platformAudit.incidentsOnly")}
        checked={incidents}
        onChange={(event) => setFilter("incidents")(event.currentTarget.checked ? "1" : null)}
        mb="md"
      />
      <Text c="dimmed" size="sm" mb="xs">
        {t("common.total", { count: total })}
      </Text>
      <ListTable
        minWidth={900}
        verticalSpacing="xs"
        fz="sm"
        data-testid="platform-audit-log"
        empty={t("common.none")}
        paging={{ total, page, pageSize }}
        head={
          <>
            <Table.Th>#</Table.Th>
            <Table.Th>{t("county.auditTime")}</Table.Th>
            <Table.Th>{t("county.auditActor")}</Table.Th>
            <Table.Th>{t("county.auditAction")}</Table.Th>
            <Table.Th>{t("platformAudit.county")}</Table.Th>
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
            <Table.Td>{row.tenantName ?? "—"}</Table.Td>
            <Table.Td ff="monospace">{row.ip ?? "—"}</Table.Td>
            <Table.Td>{auditDetailText(t, row.detail)}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
