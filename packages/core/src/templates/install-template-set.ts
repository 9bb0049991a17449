import {
  checklists,
  dutyPosts,
  stationTypes,
  type TenantTx,
  templateSetVersions,
  tenants,
  workflows,
} from "@rdlink/db";
import { ZWorkflowDefinition } from "@rdlink/workflow";
import { eq } from "drizzle-orm";
import { publishVersion } from "../workflows/publish-version";
import { ZTemplateSetContent } from "./template-content";

/**
 * Copies a published template set version into a new county (onboarding): its standards,
 * station types, duty posts and workflows (each with its version 1 published), every item
 * remembering the set, the version and its key there. The county edits them afterwards.
 */
export async function installTemplateSet(
  tx: TenantTx,
  versionId: string,
  userId: string | null,
  now: Date,
): Promise<{ setId: string; version: number; workflows: number }> {
  const [row] = await tx.select().from(templateSetVersions).where(eq(templateSetVersions.id, versionId));
  if (!row) throw new Error(`template set version ${versionId} does not exist`);
  // Checked when it was published; parsed again so a hand-edited row fails here, not in a county.
  const content = ZTemplateSetContent.parse(row.content);
  const origin = (itemKey: string) => ({ setId: row.setId, version: row.version, itemKey });

  const checklistIds = new Map<string, string>();
  if (content.checklists.length > 0) {
    const inserted = await tx
      .insert(checklists)
      .values(content.checklists.map((c) => ({ name: c.name, items: c.items, templateOrigin: origin(c.key) })))
      .returning({ id: checklists.id, name: checklists.name });
    // Names are unique in a county and in a published set.
    const idByName = new Map(inserted.map((row) => [row.name, row.id]));
    for (const c of content.checklists) checklistIds.set(c.key, idByName.get(c.name)!);
  }
  if (content.stationTypes.length > 0) {
    await tx.insert(stationTypes).values(
      content.stationTypes.map((type, index) => ({
        name: type.name,
        sortOrder: index,
        checklistId: type.checklistKey ? (checklistIds.get(type.checklistKey) ?? null) : null,
        intakeFields: type.intakeFields,
        customFields: type.customFields,
        templateOrigin: origin(type.key),
      })),
    );
  }
  if (content.dutyPosts.length > 0) {
    await tx.insert(dutyPosts).values(
      content.dutyPosts.map((post, index) => ({
        name: post.name,
        description: post.description || null,
        sortOrder: index,
        templateOrigin: origin(post.key),
      })),
    );
  }
  for (const item of content.workflows) {
    const definition = ZWorkflowDefinition.parse(item.definition);
    const [workflow] = await tx
      .insert(workflows)
      .values({
        key: definition.key,
        name: definition.name,
        draft: definition,
        draftLayout: item.layout,
        draftUpdatedBy: userId,
        draftUpdatedAt: now,
        templateOrigin: origin(item.key),
        createdAt: now,
      })
      .returning({ id: workflows.id });
    await publishVersion(tx, { workflowId: workflow!.id, definition, layout: item.layout, userId, now });
  }
  await tx.update(tenants).set({ templateSetVersionId: row.id }).where(eq(tenants.id, tx.tenantId));
  return { setId: row.setId, version: row.version, workflows: content.workflows.length };
}
