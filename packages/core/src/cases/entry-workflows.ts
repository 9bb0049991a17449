import type { Actor } from "@rdlink/auth";
import { selectRows, type TenantTx } from "@rdlink/db";
import { type TWorkflowDefinition, ZWorkflowDefinition } from "@rdlink/workflow";
import { sql } from "drizzle-orm";

export type EntryWorkflow = { workflowId: string; versionId: string; definition: TWorkflowDefinition };

/**
 * The county's workflows whose latest published version lets one of the actor's roles
 * register a case in the workbench (its `entry.staff`), in the order the county made them.
 */
export async function entryWorkflows(tx: TenantTx, actor: Actor): Promise<EntryWorkflow[]> {
  const roles = new Set<string>(actor.memberships.map((m) => m.role));
  const latest = await selectRows<{ workflow_id: string; id: string; definition: unknown }>(
    tx,
    sql`select v.workflow_id, v.id, v.definition from workflow_versions v
        join workflows w on w.tenant_id = v.tenant_id and w.id = v.workflow_id
        where v.tenant_id = ${tx.tenantId} and w.archived_at is null
          and v.version = (select max(latest.version) from workflow_versions latest
                           where latest.tenant_id = v.tenant_id and latest.workflow_id = v.workflow_id)
        order by w.created_at, w.key`,
  );
  return latest
    .map((row) => ({
      workflowId: row.workflow_id,
      versionId: row.id,
      definition: ZWorkflowDefinition.parse(
        typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition,
      ),
    }))
    .filter(({ definition }) => definition.entry.staff?.roles.some((role) => roles.has(role)));
}
