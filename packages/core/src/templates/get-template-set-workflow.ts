import { assertCan } from "@rdlink/auth";
import { type AppTx, templateSets, templateSetVersions, users } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { ZTemplateSetContent } from "./template-content";

export const ZTemplateSetWorkflowRef = z.object({ setId: ZId, workflowKey: z.string().min(1).max(60) });

/**
 * One workflow of a set's draft, as the designer opens it: the draft with the set's revision
 * (a save over anyone's newer save of the set is a conflict), the same workflow in the set's
 * newest version to compare with, and the fields the set's station types ask at intake.
 */
export async function getTemplateSetWorkflow(tx: AppTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "platform.templates.manage");
  const { setId, workflowKey } = parseInput(ZTemplateSetWorkflowRef, input);
  const [set] = await tx
    .select({
      id: templateSets.id,
      name: templateSets.name,
      draft: templateSets.draft,
      draftRevision: templateSets.draftRevision,
      draftUpdatedAt: templateSets.draftUpdatedAt,
      draftUpdatedBy: users.displayName,
    })
    .from(templateSets)
    .leftJoin(users, eq(users.id, templateSets.draftUpdatedBy))
    .where(eq(templateSets.id, setId));
  if (!set) throw new NotFoundError();
  const draft = ZTemplateSetContent.parse(set.draft);
  const item = draft.workflows.find((w) => w.key === workflowKey);
  if (!item) throw new NotFoundError();

  const [newest] = await tx
    .select({ version: templateSetVersions.version, content: templateSetVersions.content })
    .from(templateSetVersions)
    .where(eq(templateSetVersions.setId, setId))
    .orderBy(desc(templateSetVersions.version))
    .limit(1);
  const publishedItem = newest
    ? ZTemplateSetContent.parse(newest.content).workflows.find((w) => w.key === workflowKey)
    : undefined;
  const intakeFields = [
    ...new Map(draft.stationTypes.flatMap((t) => ZFieldList.parse(t.intakeFields)).map((f) => [f.key, f])).values(),
  ];
  return {
    set: { id: set.id, name: set.name },
    workflow: {
      key: item.key,
      name: (item.definition.name ?? { "zh-CN": item.key }) as Record<string, string>,
      draft: item.definition as unknown,
      draftLayout: item.layout,
      draftRevision: set.draftRevision,
      draftUpdatedAt: set.draftUpdatedAt,
      draftUpdatedBy: set.draftUpdatedBy,
    },
    published:
      newest && publishedItem
        ? {
            version: newest.version,
            definition: publishedItem.definition as unknown,
            layout: publishedItem.layout,
          }
        : null,
    intakeFields,
  };
}
