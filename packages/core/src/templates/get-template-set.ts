import { assertCan } from "@rdlink/auth";
import { type AppTx, templateSets, templateSetVersions, users } from "@rdlink/db";
import { contentHash } from "@rdlink/workflow";
import { desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZTemplateSetContent } from "./template-content";

/** One template set: its draft (as far as it reads) and its published versions, newest first. */
export async function getTemplateSet(tx: AppTx, ctx: UseCaseContext, setId: string) {
  assertCan(ctx.actor, "platform.templates.manage");
  const [set] = await tx.select().from(templateSets).where(eq(templateSets.id, setId));
  if (!set) throw new NotFoundError();
  const versions = await tx
    .select({
      version: templateSetVersions.version,
      note: templateSetVersions.note,
      contentHash: templateSetVersions.contentHash,
      publishedAt: templateSetVersions.publishedAt,
      publishedBy: users.displayName,
    })
    .from(templateSetVersions)
    .leftJoin(users, eq(users.id, templateSetVersions.publishedBy))
    .where(eq(templateSetVersions.setId, setId))
    .orderBy(desc(templateSetVersions.version));
  const draft = ZTemplateSetContent.safeParse(set.draft);
  return {
    id: set.id,
    name: set.name,
    description: set.description,
    revision: set.draftRevision,
    draft: draft.success ? draft.data : null,
    unpublishedChanges: versions[0]?.contentHash !== contentHash(set.draft),
    versions: versions.map(({ contentHash: _hash, ...version }) => version),
  };
}
