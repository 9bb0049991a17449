import { type TenantTx, workflows } from "@rdlink/db";
import { WORKFLOW_TEMPLATES, ZWorkflowDefinition } from "@rdlink/workflow";
import { publishVersion } from "./publish-version";

/** A new county's workflows: every shipped template as an editable draft with its version 1 published. */
export async function installWorkflowTemplates(tx: TenantTx, userId: string | null, now: Date): Promise<number> {
  for (const template of WORKFLOW_TEMPLATES) {
    const definition = ZWorkflowDefinition.parse(template);
    const [workflow] = await tx
      .insert(workflows)
      .values({
        key: definition.key,
        name: definition.name,
        draft: definition,
        draftUpdatedBy: userId,
        draftUpdatedAt: now,
        createdAt: now,
      })
      .returning({ id: workflows.id });
    await publishVersion(tx, { workflowId: workflow!.id, definition, userId, now });
  }
  return WORKFLOW_TEMPLATES.length;
}
