import { assertCan } from "@rdlink/auth";
import { checklists, stationTypes, type TenantTx } from "@rdlink/db";
import { and, eq, isNull, max } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput, ValidationError } from "../shared/errors";
import { ZName, ZOptionalId } from "../shared/fields";
import { DEFAULT_INTAKE_FIELDS } from "../tenants/default-template";

export const ZCreateStationType = z.object({ name: ZName, checklistId: ZOptionalId });

/** A new kind of station (e.g. 侨务联络站), following one of the county's standards; fields are added afterwards. */
export async function createStationType(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const { name, checklistId } = parseInput(ZCreateStationType, input);
  if (checklistId) await assertActiveChecklist(tx, checklistId);
  const [last] = await tx
    .select({ value: max(stationTypes.sortOrder) })
    .from(stationTypes)
    .where(eq(stationTypes.tenantId, tx.tenantId));
  try {
    const [type] = await tx
      .insert(stationTypes)
      .values({ name, checklistId, intakeFields: DEFAULT_INTAKE_FIELDS, sortOrder: (last?.value ?? -1) + 1 })
      .returning({ id: stationTypes.id });
    await recordAudit(tx, ctx, {
      action: "stationType.created",
      objectType: "station_type",
      objectId: type!.id,
      detail: { name },
    });
    return type!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.stationTypeNameTaken", "name");
    throw error;
  }
}

/** A standard a type may follow: this county's and not archived. */
export async function assertActiveChecklist(tx: TenantTx, checklistId: string) {
  const [checklist] = await tx
    .select({ id: checklists.id })
    .from(checklists)
    .where(and(eq(checklists.tenantId, tx.tenantId), eq(checklists.id, checklistId), isNull(checklists.archivedAt)));
  if (!checklist) throw new ValidationError({ checklistId: "validation.invalidReference" });
}
