import { assertCan } from "@rdlink/auth";
import { handlingUnits, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { findHandlingUnit } from "./get-handling-unit";

const ZArchived = z.preprocess((v) => v === true || v === "true", z.boolean());

/** Archiving hides a unit from lists and case assignment; its contacts, staff and history stay. */
export async function setHandlingUnitArchived(tx: TenantTx, ctx: UseCaseContext, unitId: unknown, archived: unknown) {
  assertCan(ctx.actor, "tenant.handlingUnits.manage", { tenantId: tx.tenantId });
  const unit = await findHandlingUnit(tx, unitId);
  const archive = parseInput(ZArchived, archived);
  await tx
    .update(handlingUnits)
    .set({ archivedAt: archive ? ctx.clock.now() : null })
    .where(and(eq(handlingUnits.tenantId, tx.tenantId), eq(handlingUnits.id, unit.id)));
  await recordAudit(tx, ctx, {
    action: archive ? "handlingUnit.archived" : "handlingUnit.restored",
    objectType: "handling_unit",
    objectId: unit.id,
    detail: { name: unit.name },
  });
}
