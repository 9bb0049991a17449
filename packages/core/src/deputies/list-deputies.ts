import { assertCan, stationScope } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, asc, count, eq, ilike, isNull, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";
import { deputyLevels, maskPhone } from "./sheet";

export const ZListDeputies = z.object({
  search: z.string().trim().max(60).optional(),
  level: z.enum(deputyLevels).optional().catch(undefined),
  townshipId: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).catch(50),
});

/**
 * The deputies directory, searched and filtered on the server, a page at a time. Phone
 * numbers leave only masked (138****5678); the full number takes `revealDeputyPhone`.
 */
export async function listDeputies(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const { search, level, townshipId, page, pageSize } = parseInput(ZListDeputies, input);
  const scope = stationScope(ctx.actor);
  const where = and(
    ...([
      eq(deputies.tenantId, tx.tenantId),
      isNull(deputies.archivedAt),
      search ? or(ilike(deputies.name, `%${search}%`), ilike(deputies.sector, `%${search}%`)) : undefined,
      level ? eq(deputies.level, level) : undefined,
      townshipId ? eq(deputies.townshipId, townshipId) : undefined,
      inTownshipScope(deputies.townshipId, scope),
    ] as (SQL | undefined)[]),
  );
  const rows = await tx
    .select({
      id: deputies.id,
      name: deputies.name,
      level: deputies.level,
      term: deputies.term,
      sector: deputies.sector,
      phone: deputies.phone,
      townshipName: townships.name,
    })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(where)
    .orderBy(asc(townships.sortOrder), asc(naturalOrder(deputies.name)))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await tx.select({ value: count() }).from(deputies).where(where);
  return {
    rows: rows.map(({ phone, ...row }) => ({ ...row, phone: phone ? maskPhone(phone) : null })),
    total: total?.value ?? 0,
    page,
    pageSize,
  };
}
