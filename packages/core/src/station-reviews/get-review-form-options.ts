import { assertCan } from "@rdlink/auth";
import { checklists, memberships, type TenantTx, townships, users } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** What the new-review form offers: the standards, the townships, and the county's admins as reviewers. */
export async function getReviewFormOptions(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const standards = await tx
    .select({ id: checklists.id, name: checklists.name })
    .from(checklists)
    .where(and(eq(checklists.tenantId, tx.tenantId), isNull(checklists.archivedAt)))
    .orderBy(asc(checklists.createdAt));
  const towns = await tx
    .select({ id: townships.id, name: townships.name })
    .from(townships)
    .where(eq(townships.tenantId, tx.tenantId))
    .orderBy(asc(townships.name));
  const reviewers = await tx
    .selectDistinct({ id: users.id, name: users.displayName, username: users.username })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.role, "county_admin"), isNull(users.disabledAt)))
    .orderBy(asc(users.username));
  return { standards, townships: towns, reviewers };
}
