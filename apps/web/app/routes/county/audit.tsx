import { Select } from "@mantine/core";
import { checkCountyAuditChain } from "@rdlink/core/audit/check-county-audit-chain";
import { listAuditLog } from "@rdlink/core/audit/list-audit-log";
import { resources, type Translation } from "@rdlink/i18n";
import { AuditChainCheck } from "~/components/audit-chain-check";
import { AuditLogTable } from "~/components/audit-log-table";
import { ExportButton } from "~/components/export-button";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useListFilters } from "~/lib/list-filters";
import { auditQuery } from "~/lib/list-queries";
import { useTranslation } from "~/lib/use-translation";
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
  const { t } = useTranslation();
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
      <AuditLogTable rows={rows} paging={{ total, page, pageSize }} testId="audit-log" />
    </>
  );
}
