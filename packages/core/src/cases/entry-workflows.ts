import type { Actor } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { type TWorkflowDefinition, ZWorkflowDefinition } from "@rdlink/workflow";
import { latestVersions } from "../workflows/latest-versions";

export type EntryWorkflow = { workflowId: string; versionId: string; definition: TWorkflowDefinition };

/**
 * The county's workflows whose latest published version lets one of the actor's roles
 * register a case in the workbench (its `entry.staff`), in the order the county made them.
 */
export async function entryWorkflows(tx: TenantTx, actor: Actor): Promise<EntryWorkflow[]> {
  const roles = new Set<string>(actor.memberships.map((m) => m.role));
  return (await latestVersions(tx))
    .map((row) => ({
      workflowId: row.workflow_id,
      versionId: row.id,
      definition: ZWorkflowDefinition.parse(
        typeof row.definition === "string" ? JSON.parse(row.definition) : row.definition,
      ),
    }))
    .filter(({ definition }) => definition.entry.staff?.roles.some((role) => roles.has(role)));
}
