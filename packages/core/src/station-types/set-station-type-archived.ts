import { assertCan } from "@rdlink/auth";
import { stationTypes, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";

export const ZSetStationTypeArchived = z.object({ stationTypeId: ZId, archived: z.boolean() });

/**
 * Archives a type (no new stations of it; its stations keep it) or brings it back.
 * Nothing is deleted: stations, their values and their history stay as they are.
 */
export async function setStationTypeArchived(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const { stationTypeId, archived } = parseInput(ZSetStationTypeArchived, input);
  const [updated] = await tx
    .update(stationTypes)
    .set({ archivedAt: archived ? now : null })
    .where(and(eq(stationTypes.tenantId, tx.tenantId), eq(stationTypes.id, stationTypeId)))
    .returning({ name: stationTypes.name });
  if (!updated) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: archived ? "stationType.archived" : "stationType.restored",
    objectType: "station_type",
    objectId: stationTypeId,
    detail: { name: updated.name },
  });
}
