import { assertCan } from "@rdlink/auth";
import { handlingUnitContacts, type TenantTx } from "@rdlink/db";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZName, ZOptionalPhone, ZOptionalText } from "../shared/fields";
import { findHandlingUnit } from "./get-handling-unit";

export const ZContact = z.object({
  name: ZName,
  title: ZOptionalText(60),
  phone: ZOptionalPhone,
});

/** A contact person of a unit (办公室主任, 建议办理联络员 …); the audit names them, never their number. */
export async function addHandlingUnitContact(tx: TenantTx, ctx: UseCaseContext, unitId: unknown, input: unknown) {
  assertCan(ctx.actor, "tenant.handlingUnits.manage", { tenantId: tx.tenantId });
  const unit = await findHandlingUnit(tx, unitId);
  const data = parseInput(ZContact, input);
  const [contact] = await tx
    .insert(handlingUnitContacts)
    .values({ handlingUnitId: unit.id, ...data })
    .returning({ id: handlingUnitContacts.id });
  await recordAudit(tx, ctx, {
    action: "handlingUnit.contact_added",
    objectType: "handling_unit",
    objectId: unit.id,
    detail: { unit: unit.name, contact: data.name },
  });
  return contact!;
}
