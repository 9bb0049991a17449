import { assertCan } from "@rdlink/auth";
import { stationTypes, type TenantTx } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { isIntakeFieldType } from "./intake-field-types";

/** A public intake form's fields: a kind a citizen may not be asked for is refused on that field's type. */
const ZIntakeFieldList = ZFieldList.superRefine((fields, ctx) => {
  fields.forEach((field, i) => {
    if (!isIntakeFieldType(field.type)) {
      ctx.addIssue({ code: "custom", message: "validation.invalidOption", path: [i, "type"] });
    }
  });
});

export const ZSetStationTypeFields = z
  .object({
    stationTypeId: ZId,
    /** Extra fields its stations carry. */
    customFields: ZFieldList.optional(),
    /** What a citizen fills in on its stations' public page. */
    intakeFields: ZIntakeFieldList.optional(),
  })
  .refine((v) => v.customFields || v.intakeFields, "validation.required");

/**
 * Changes the custom fields a station type's stations carry, or its public intake form.
 * Stations keep the values of fields removed here; they are shown read-only.
 */
export async function setStationTypeFields(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const { stationTypeId, customFields, intakeFields } = parseInput(ZSetStationTypeFields, input);
  const [updated] = await tx
    .update(stationTypes)
    .set({ ...(customFields ? { customFields } : {}), ...(intakeFields ? { intakeFields } : {}) })
    .where(and(eq(stationTypes.tenantId, tx.tenantId), eq(stationTypes.id, stationTypeId)))
    .returning({ id: stationTypes.id, name: stationTypes.name });
  if (!updated) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: customFields ? "stationType.fields_set" : "stationType.intake_form_set",
    objectType: "station_type",
    objectId: stationTypeId,
    detail: { name: updated.name, fields: (customFields ?? intakeFields)?.map((f) => f.key) },
  });
}
