import { assertCan } from "@rdlink/auth";
import { handlingUnitContacts, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { ZContact } from "./add-handling-unit-contact";

/**
 * Changes a contact's name, title or number. The form never holds the full number, so a
 * blank phone keeps the one on file.
 */
export async function editHandlingUnitContact(
  tx: TenantTx,
  ctx: UseCaseContext,
  unitId: unknown,
  contactId: unknown,
  input: unknown,
) {
  assertCan(ctx.actor, "tenant.handlingUnits.manage", { tenantId: tx.tenantId });
  const contact = await findContact(tx, unitId, contactId);
  const { phone, ...data } = parseInput(ZContact, input);
  await tx
    .update(handlingUnitContacts)
    .set(phone ? { ...data, phone } : data)
    .where(and(eq(handlingUnitContacts.tenantId, tx.tenantId), eq(handlingUnitContacts.id, contact.id)));
  await recordAudit(tx, ctx, {
    action: "handlingUnit.contact_edited",
    objectType: "handling_unit",
    objectId: contact.handlingUnitId,
    detail: { contact: data.name, phoneChanged: phone !== null },
  });
}

/**
 * A contact of this county's unit `unitId`, both by untrusted ids, or NotFoundError: a contact is
 * reached only through its own unit, so another unit's (or county's) contact is not found.
 */
export async function findContact(tx: TenantTx, unitId: unknown, contactId: unknown) {
  const unit = ZId.safeParse(unitId);
  const id = ZId.safeParse(contactId);
  if (!unit.success || !id.success) throw new NotFoundError();
  const [contact] = await tx
    .select()
    .from(handlingUnitContacts)
    .where(
      and(
        eq(handlingUnitContacts.tenantId, tx.tenantId),
        eq(handlingUnitContacts.handlingUnitId, unit.data),
        eq(handlingUnitContacts.id, id.data),
      ),
    );
  if (!contact) throw new NotFoundError();
  return contact;
}
