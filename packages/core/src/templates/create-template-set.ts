import { assertCan } from "@rdlink/auth";
import { type AppTx, templateSets, templateSetVersions } from "@rdlink/db";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, NotFoundError, parseInput } from "../shared/errors";
import { ZId, ZName } from "../shared/fields";

export const ZCreateTemplateSet = z.object({
  name: ZName,
  description: z.string().trim().max(500, "validation.tooLong").default(""),
  /** The set whose newest published version the new one starts from (a province's model starts from the default). */
  copyFromSetId: ZId,
});

/** A new template set, as a draft copied from another set's newest version; nothing is published yet. */
export async function createTemplateSet(tx: AppTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "platform.templates.manage");
  const { name, description, copyFromSetId } = parseInput(ZCreateTemplateSet, input);
  const [source] = await tx
    .select({ content: templateSetVersions.content })
    .from(templateSetVersions)
    .where(eq(templateSetVersions.setId, copyFromSetId))
    .orderBy(desc(templateSetVersions.version))
    .limit(1);
  if (!source) throw new NotFoundError();
  const now = ctx.clock.now();
  try {
    const [set] = await tx
      .insert(templateSets)
      .values({
        name,
        description,
        draft: source.content,
        draftUpdatedBy: ctx.actor.userId,
        draftUpdatedAt: now,
        createdAt: now,
      })
      .returning({ id: templateSets.id });
    await recordPlatformAudit(tx, ctx, {
      action: "templateSet.created",
      objectType: "templateSet",
      objectId: set!.id,
      detail: { name, copyFromSetId },
    });
    return { setId: set!.id };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("templates.errors.nameTaken", "name");
    throw error;
  }
}
