import { assertCan } from "@rdlink/auth";
import { handlingUnitContacts, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { findContact } from "./edit-handling-unit-contact";

/** Removes a contact person of the unit `unitId`; a contact of another unit is not found. */
export async function removeHandlingUnitContact(
  tx: TenantTx,
  ctx: UseCaseContext,
  unitId: unknown,
  contactId: unknown,
) {
  assertCan(ctx.actor, "tenant.handlingUnits.manage", { tenantId: tx.tenantId });
  const contact = await findContact(tx, unitId, contactId);
  await tx
    .delete(handlingUnitContacts)
    .where(and(eq(handlingUnitContacts.tenantId, tx.tenantId), eq(handlingUnitContacts.id, contact.id)));
  await recordAudit(tx, ctx, {
    action: "handlingUnit.contact_removed",
    objectType: "handling_unit",
    objectId: contact.handlingUnitId,
    detail: { contact: contact.name },
  });
}
