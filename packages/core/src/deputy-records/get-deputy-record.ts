import { can } from "@rdlink/auth";
import { deputies, type TenantTx, townships } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { countDeputyRecords } from "./count-deputy-records";
import { recordYear, yearPeriod, ZRecordYear } from "./record-input";

const ZGetDeputyRecord = z.object({ deputyId: ZId, year: ZRecordYear.optional() });

/**
 * One deputy's 履职档案 for a year. The deputy reads their own; the county, and the township the
 * deputy belongs to, read everyone's. Anyone else is told it does not exist.
 */
export async function getDeputyRecord(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const id = ZId.safeParse((input as { deputyId?: unknown } | null)?.deputyId);
  if (!id.success) throw new NotFoundError();
  const asked = parseInput(ZGetDeputyRecord, input);
  const year = recordYear(asked.year, ctx.clock.now());
  const [deputy] = await tx
    .select({
      id: deputies.id,
      name: deputies.name,
      level: deputies.level,
      term: deputies.term,
      userId: deputies.userId,
      townshipId: deputies.townshipId,
      townshipName: townships.name,
    })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.id, id.data)));
  const own = deputy?.userId === ctx.actor.userId;
  if (
    !deputy ||
    !(own || can(ctx.actor, "tenant.stats.read", { tenantId: tx.tenantId, townshipId: deputy.townshipId }))
  ) {
    throw new NotFoundError();
  }
  const period = yearPeriod(year);
  const records = await countDeputyRecords(tx, eq(deputies.id, deputy.id), period);
  const { userId: _account, ...shown } = deputy;
  return {
    deputy: shown,
    /** The deputy is reading their own record. */
    own,
    year,
    thisYear: recordYear(undefined, ctx.clock.now()),
    period,
    record: records.get(deputy.id)!,
  };
}
