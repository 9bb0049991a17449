import { type AppTx, templateSets, templateSetVersions } from "@rdlink/db";
import { asc, desc, eq } from "drizzle-orm";

/**
 * The newest published version of a set, or, without a set, of the platform's default: the
 * first set created (the one the platform shipped with), as long as it has a version.
 */
export async function latestSetVersion(tx: AppTx, setId?: string) {
  const [row] = await tx
    .select({ id: templateSetVersions.id, setId: templateSetVersions.setId, version: templateSetVersions.version })
    .from(templateSetVersions)
    .innerJoin(templateSets, eq(templateSets.id, templateSetVersions.setId))
    .where(setId ? eq(templateSetVersions.setId, setId) : undefined)
    .orderBy(asc(templateSets.createdAt), asc(templateSets.id), desc(templateSetVersions.version))
    .limit(1);
  return row ?? null;
}
