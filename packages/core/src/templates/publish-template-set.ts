import { assertCan } from "@rdlink/auth";
import { type AppTx, templateSets, templateSetVersions } from "@rdlink/db";
import { contentHash, validateDefinition } from "@rdlink/workflow";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { type TTemplateSetContent, ZTemplateSetContent } from "./template-content";

export const ZPublishTemplateSet = z.object({
  setId: ZId,
  revision: z.coerce.number({ error: "validation.invalid" }).int().min(1),
  /** What changed, for the counties (shown with the upgrade). */
  note: z.string().trim().max(500, "validation.tooLong").default(""),
});

/**
 * Publishes a set's draft as its next version, if every part of it is sound; the problems
 * are listed by path otherwise (a workflow's as the designer names them). Counties are not
 * touched: they see a new version and decide (decision 0037).
 */
export async function publishTemplateSet(tx: AppTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "platform.templates.manage");
  const { setId, revision, note } = parseInput(ZPublishTemplateSet, input);
  const [set] = await tx.select().from(templateSets).where(eq(templateSets.id, setId)).for("update");
  if (!set) throw new NotFoundError();
  if (set.draftRevision !== revision) {
    throw new ConflictError("errors.draftConflict", undefined, { revision: String(set.draftRevision) });
  }
  const content = ZTemplateSetContent.parse(set.draft);
  const problems = templateSetProblems(content);
  if (Object.keys(problems).length > 0) throw new ValidationError(problems, "templates.errors.invalid");

  const hash = contentHash(content);
  const [latest] = await tx
    .select({ version: templateSetVersions.version, contentHash: templateSetVersions.contentHash })
    .from(templateSetVersions)
    .where(eq(templateSetVersions.setId, setId))
    .orderBy(desc(templateSetVersions.version))
    .limit(1);
  if (latest?.contentHash === hash) throw new ConflictError("templates.errors.unchanged");
  const version = (latest?.version ?? 0) + 1;
  await tx.insert(templateSetVersions).values({
    setId,
    version,
    content,
    contentHash: hash,
    note,
    publishedBy: ctx.actor.userId,
    publishedAt: ctx.clock.now(),
  });
  await recordPlatformAudit(tx, ctx, {
    action: "templateSet.published",
    objectType: "templateSet",
    objectId: setId,
    detail: { name: set.name, version, hash },
  });
  return { version };
}

/** Path → i18n key of everything that would give a county a broken configuration. */
export function templateSetProblems(content: TTemplateSetContent): Record<string, string> {
  const problems: Record<string, string> = {};
  const sections = ["checklists", "stationTypes", "dutyPosts", "workflows"] as const;
  for (const section of sections) {
    const keys = new Set<string>();
    const names = new Set<string>();
    content[section].forEach((item, index) => {
      if (keys.has(item.key)) problems[`${section}.${index}.key`] = "validation.templateItemKeyTaken";
      keys.add(item.key);
      const name = "name" in item ? item.name : null;
      if (name !== null) {
        if (names.has(name)) problems[`${section}.${index}.name`] = "validation.nameTaken";
        names.add(name);
      }
    });
  }
  const checklistKeys = new Set(content.checklists.map((c) => c.key));
  content.stationTypes.forEach((type, index) => {
    if (type.checklistKey && !checklistKeys.has(type.checklistKey))
      problems[`stationTypes.${index}.checklistKey`] = "validation.templateChecklistMissing";
  });
  if (content.stationTypes.length === 0) problems.stationTypes = "validation.templateNeedsStationType";
  const workflowNames = new Set<string>();
  let opinionWorkflows = 0;
  content.workflows.forEach((item, index) => {
    const result = validateDefinition(item.definition);
    if (!result.ok) {
      for (const issue of result.errors) problems[`workflows.${index}.${issue.path}`] = `designer.issues.${issue.code}`;
      return;
    }
    if (result.definition.key !== item.key) problems[`workflows.${index}.key`] = "validation.templateItemKey";
    const name = result.definition.name["zh-CN"] ?? "";
    if (workflowNames.has(name)) problems[`workflows.${index}.name`] = "validation.nameTaken";
    workflowNames.add(name);
    if (result.definition.kind === "opinion") opinionWorkflows += 1;
  });
  // A county's stations take citizens' opinions by QR code from its first opinion workflow.
  if (opinionWorkflows === 0) problems.workflows = "validation.templateNeedsOpinionWorkflow";
  return problems;
}
