import { assertCan, townshipsInScope } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";
import { countDeputyRecords, emptyDeputyRecord, type TDeputyRecord } from "./count-deputy-records";
import { recordYear, yearPeriod, ZRecordYear } from "./record-input";

const recordFields = Object.keys(emptyDeputyRecord()) as (keyof TDeputyRecord)[];

const ZListDeputyRecords = z.object({
  year: ZRecordYear.optional(),
  townshipId: z.uuid().optional().catch(undefined),
  /** A figure to sort by, most first; the directory's order (township, name) otherwise. */
  sort: z
    .enum(recordFields as [keyof TDeputyRecord, ...(keyof TDeputyRecord)[]])
    .optional()
    .catch(undefined),
});

/**
 * Every deputy's 履职档案 for a year, for the county (all townships) or a township operator (theirs):
 * one row per deputy with their figures, sortable by any of them.
 */
export async function listDeputyRecords(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const { year: asked, townshipId, sort } = parseInput(ZListDeputyRecords, input);
  const year = recordYear(asked, ctx.clock.now());
  assertCan(ctx.actor, "tenant.stats.read", { tenantId: tx.tenantId, townshipId });
  const scope = townshipsInScope(ctx.actor);
  if (townshipId && scope !== "all" && !scope.includes(townshipId)) throw new NotFoundError();
  const inScope = and(
    isNull(deputies.archivedAt),
    inTownshipScope(deputies.townshipId, scope),
    townshipId ? eq(deputies.townshipId, townshipId) : undefined,
  );
  const rows = await tx
    .select({
      id: deputies.id,
      name: deputies.name,
      level: deputies.level,
      townshipId: deputies.townshipId,
      townshipName: townships.name,
    })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(and(eq(deputies.tenantId, tx.tenantId), inScope))
    .orderBy(asc(townships.sortOrder), asc(naturalOrder(deputies.name)));
  const period = yearPeriod(year);
  const records = await countDeputyRecords(tx, inScope, period);
  const withRecords = rows.map((row) => ({ ...row, record: records.get(row.id)! }));
  // A stable sort: deputies with the same figure keep the directory's order.
  if (sort) withRecords.sort((a, b) => b.record[sort] - a.record[sort]);
  return { year, thisYear: recordYear(undefined, ctx.clock.now()), period, rows: withRecords };
}
