import { assertCan } from "@rdlink/auth";
import { stationTypes, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId, ZName, ZOptionalId } from "../shared/fields";
import { latestVersionIdOfWorkflow } from "../workflows/latest-versions";
import { assertActiveChecklist } from "./create-station-type";

export const ZUpdateStationType = z.object({
  stationTypeId: ZId,
  name: ZName,
  checklistId: ZOptionalId,
  intakeWorkflowId: ZOptionalId,
});

/**
 * Renames a station type, changes the standard its stations are reviewed against, or the
 * workflow its stations' QR codes start (one of the county's opinion workflows in use).
 */
export async function updateStationType(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const { stationTypeId, name, checklistId, intakeWorkflowId } = parseInput(ZUpdateStationType, input);
  if (checklistId) await assertActiveChecklist(tx, checklistId);
  if (intakeWorkflowId && !(await latestVersionIdOfWorkflow(tx, intakeWorkflowId, "opinion"))) {
    throw new ValidationError({ intakeWorkflowId: "validation.intakeWorkflowInvalid" });
  }
  let updated: { id: string } | undefined;
  try {
    [updated] = await tx
      .update(stationTypes)
      .set({ name, checklistId, intakeWorkflowId })
      .where(and(eq(stationTypes.tenantId, tx.tenantId), eq(stationTypes.id, stationTypeId)))
      .returning({ id: stationTypes.id });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.stationTypeNameTaken", "name");
    throw error;
  }
  if (!updated) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: "stationType.updated",
    objectType: "station_type",
    objectId: stationTypeId,
    detail: { name, checklistId, intakeWorkflowId },
  });
}
