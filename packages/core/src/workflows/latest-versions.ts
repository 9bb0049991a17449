import { selectRows, type TenantTx } from "@rdlink/db";
import { type SQL, sql } from "drizzle-orm";

/**
 * The latest published version of each of the county's workflows in use (`v` in `where`), in
 * the order the county made them: what intake, 整合 and the workbench's registration start on.
 */
export function latestVersions(tx: TenantTx, where: SQL = sql`true`) {
  return selectRows<{ workflow_id: string; id: string; kind: string; definition: unknown }>(
    tx,
    sql`select v.workflow_id, v.id, v.kind, v.definition from workflow_versions v
        join workflows w on w.tenant_id = v.tenant_id and w.id = v.workflow_id
        where v.tenant_id = ${tx.tenantId} and w.archived_at is null and ${where}
          and v.version = (select max(latest.version) from workflow_versions latest
                           where latest.tenant_id = v.tenant_id and latest.workflow_id = v.workflow_id)
        order by w.created_at, w.key`,
  );
}

/**
 * The latest published version of one of the county's workflows in use, if its kind is
 * `kind`: what a station type's QR code starts. Null otherwise (archived, never published…).
 */
export async function latestVersionIdOfWorkflow(tx: TenantTx, workflowId: string, kind: string) {
  const [latest] = await latestVersions(tx, sql`v.workflow_id = ${workflowId} and v.kind = ${kind}`);
  return latest?.id ?? null;
}
