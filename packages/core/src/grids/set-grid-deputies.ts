import { stationScope } from "@rdlink/auth";
import { deputies, gridDeputies, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { inTownshipScope } from "../shared/scope";
import { findGridToManage } from "./find-grid";

const ZDeputyIds = z.array(ZId).max(50, "validation.tooMany");

/**
 * The deputies who cover a grid (网格化履职), replacing the previous set. A township
 * operator picks among its townships' deputies; the county admin among all.
 */
export async function setGridDeputies(tx: TenantTx, ctx: UseCaseContext, gridId: unknown, deputyIdsInput: unknown) {
  const grid = await findGridToManage(tx, ctx, gridId);
  const deputyIds = [...new Set(parseInput(ZDeputyIds, deputyIdsInput))];
  const found = deputyIds.length
    ? await tx
        .select({ id: deputies.id, name: deputies.name })
        .from(deputies)
        .where(
          and(
            ...([
              eq(deputies.tenantId, tx.tenantId),
              inArray(deputies.id, deputyIds),
              isNull(deputies.archivedAt),
              inTownshipScope(deputies.townshipId, stationScope(ctx.actor)),
            ] as (SQL | undefined)[]),
          ),
        )
    : [];
  if (found.length !== deputyIds.length) throw new ValidationError({ deputyIds: "validation.invalidReference" });
  await tx.delete(gridDeputies).where(and(eq(gridDeputies.tenantId, tx.tenantId), eq(gridDeputies.gridId, grid.id)));
  if (deputyIds.length > 0)
    await tx.insert(gridDeputies).values(deputyIds.map((deputyId) => ({ gridId: grid.id, deputyId })));
  await recordAudit(tx, ctx, {
    action: "grid.deputies_set",
    objectType: "grid",
    objectId: grid.id,
    detail: { grid: grid.name, deputies: found.map((d) => d.name) },
  });
}
