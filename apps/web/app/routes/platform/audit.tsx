import { Checkbox } from "@mantine/core";
import { checkPlatformAuditChain } from "@rdlink/core/audit/check-platform-audit-chain";
import { listPlatformAuditLog } from "@rdlink/core/audit/list-platform-audit-log";
import { ValidationError } from "@rdlink/core/shared/errors";
import { AuditChainCheck } from "~/components/audit-chain-check";
import { AuditLogTable } from "~/components/audit-log-table";
import { PageHeader } from "~/components/page-header";
import { readForm } from "~/lib/actions.server";
import { useListFilters } from "~/lib/list-filters";
import { platformAction, platformLoader } from "~/lib/platform-route.server";
import { useTranslation } from "~/lib/use-translation";
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
  const { t } = useTranslation();
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
      <AuditLogTable rows={rows} paging={{ total, page, pageSize }} testId="platform-audit-log" countyColumn />
    </>
  );
}
