import { assertCan } from "@rdlink/auth";
import { type TenantTx, templateSets, templateSetVersions, tenants } from "@rdlink/db";
import { eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The template set and version the county is on, or null (a county from before the library, or moved in). */
export async function getCountyTemplateSet(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.templates.upgrade", { tenantId: tx.tenantId });
  const [row] = await tx
    .select({ name: templateSets.name, version: templateSetVersions.version })
    .from(tenants)
    .innerJoin(templateSetVersions, eq(templateSetVersions.id, tenants.templateSetVersionId))
    .innerJoin(templateSets, eq(templateSets.id, templateSetVersions.setId))
    .where(eq(tenants.id, tx.tenantId));
  return row ?? null;
}
