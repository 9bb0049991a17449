import { assertCan, townshipsInScope } from "@rdlink/auth";
import { type TenantTx, townships } from "@rdlink/db";
import { and, asc, count, eq, ilike, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";

export const ZListTownships = z.object({
  search: z.string().trim().max(60).optional(),
  includeArchived: z.preprocess((v) => v === true || v === "true", z.boolean()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The county's townships the actor may see, paginated on the server. */
export async function listTownships(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.townships.read", { tenantId: tx.tenantId });
  const { search, includeArchived, page, pageSize } = parseInput(ZListTownships, input);
  const scope = ctx.actor.platformRole ? "all" : townshipsInScope(ctx.actor);
  const filters: (SQL | undefined)[] = [
    eq(townships.tenantId, tx.tenantId),
    includeArchived ? undefined : isNull(townships.archivedAt),
    search ? ilike(townships.name, `%${search}%`) : undefined,
    inTownshipScope(townships.id, scope),
  ];
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(townships)
      .where(where)
      .orderBy(asc(townships.sortOrder), asc(naturalOrder(townships.name)))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ value: count() }).from(townships).where(where),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize };
}
