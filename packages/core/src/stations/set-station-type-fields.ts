import { assertCan } from "@rdlink/auth";
import { stationTypes, type TenantTx } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";

export const ZSetStationTypeFields = z.object({
  stationTypeId: ZId,
  customFields: ZFieldList,
  intakeFields: ZFieldList.optional(),
});

/**
 * Changes the custom fields a station type's stations carry (and its public intake form).
 * Stations keep the values of fields removed here; they are shown read-only.
 */
export async function setStationTypeFields(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const { stationTypeId, customFields, intakeFields } = parseInput(ZSetStationTypeFields, input);
  const [updated] = await tx
    .update(stationTypes)
    .set({ customFields, ...(intakeFields ? { intakeFields } : {}) })
    .where(and(eq(stationTypes.tenantId, tx.tenantId), eq(stationTypes.id, stationTypeId)))
    .returning({ id: stationTypes.id, name: stationTypes.name });
  if (!updated) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: "stationType.fields_set",
    objectType: "station_type",
    objectId: stationTypeId,
    detail: { name: updated.name, fields: customFields.map((f) => f.key) },
  });
}
