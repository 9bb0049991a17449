import { assertCan } from "@rdlink/auth";
import { deputies, memberships, type TenantTx, users } from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { naturalOrder } from "../shared/natural-order";
import { townshipsToPick } from "../townships/townships-to-pick";

/** What the deputy form picks from: the townships the actor keeps, and deputy sign-ins not yet linked to a record. */
export async function getDeputyFormOptions(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.deputies.manage", { tenantId: tx.tenantId });
  const townshipRows = await townshipsToPick(tx, ctx.actor);
  const accounts = await tx
    .select({ userId: users.id, displayName: users.displayName, username: users.username })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.role, "deputy")))
    // Grouped rather than DISTINCT: PostgreSQL sorts a DISTINCT list only by what it selects.
    .groupBy(users.id, users.displayName, users.username)
    .orderBy(asc(naturalOrder(users.username)));
  const taken = new Set(
    (await tx.select({ userId: deputies.userId }).from(deputies).where(eq(deputies.tenantId, tx.tenantId))).map(
      (d) => d.userId,
    ),
  );
  return { townships: townshipRows, accounts: accounts.map((a) => ({ ...a, linked: taken.has(a.userId) })) };
}
