import { assertCan } from "@rdlink/auth";
import { type AppTx, templateSets, templateSetVersions, tenants } from "@rdlink/db";
import { contentHash } from "@rdlink/workflow";
import { asc, count, desc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/**
 * The platform's template sets, the default first: each with its newest published version,
 * how many counties were onboarded from it, and whether its draft has unpublished changes.
 */
export async function listTemplateSets(tx: AppTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "platform.templates.manage");
  const sets = await tx.select().from(templateSets).orderBy(asc(templateSets.createdAt), asc(templateSets.id));
  const versions = await tx
    .select({
      setId: templateSetVersions.setId,
      version: templateSetVersions.version,
      contentHash: templateSetVersions.contentHash,
      publishedAt: templateSetVersions.publishedAt,
    })
    .from(templateSetVersions)
    // Newest first, so the first of each set is its latest (a set has tens of versions, not thousands).
    .orderBy(desc(templateSetVersions.version));
  const counties = await tx
    .select({ setId: templateSetVersions.setId, counties: count() })
    .from(tenants)
    .innerJoin(templateSetVersions, eq(templateSetVersions.id, tenants.templateSetVersionId))
    .groupBy(templateSetVersions.setId);
  return sets.map((set) => {
    const latest = versions.find((v) => v.setId === set.id) ?? null;
    return {
      id: set.id,
      name: set.name,
      description: set.description,
      latestVersion: latest?.version ?? null,
      publishedAt: latest?.publishedAt ?? null,
      counties: counties.find((c) => c.setId === set.id)?.counties ?? 0,
      unpublishedChanges: latest === null || latest.contentHash !== contentHash(set.draft),
    };
  });
}
