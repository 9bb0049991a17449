import { assertCan } from "@rdlink/auth";
import { deputyScoreTables, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { ZRecordYear } from "../deputy-records/record-input";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput } from "../shared/errors";

const ZUnpublishScoreTable = z.object({ year: ZRecordYear });

/**
 * 撤回发布: the year's frozen table is removed (the audit log keeps what it was: when, how many
 * deputies, the top of it); the year is computed again with the current rules and can be republished.
 */
export async function unpublishScoreTable(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.scoring.manage", { tenantId: tx.tenantId });
  const { year } = parseInput(ZUnpublishScoreTable, input);
  const [removed] = await tx
    .delete(deputyScoreTables)
    .where(and(eq(deputyScoreTables.tenantId, tx.tenantId), eq(deputyScoreTables.year, year)))
    .returning();
  if (!removed) throw new ConflictError("scoring.errors.notPublished");
  await recordAudit(tx, ctx, {
    action: "scoring.table_unpublished",
    objectType: "deputy_score_table",
    objectId: removed.id,
    detail: {
      year,
      publishedAt: removed.publishedAt.toISOString(),
      deputies: removed.rows.length,
      rules: removed.rules,
      scores: removed.rows.map((r) => ({ name: r.name, rank: r.rank, score: r.score })),
    },
  });
}
