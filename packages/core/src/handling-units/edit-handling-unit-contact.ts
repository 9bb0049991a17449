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
export async function editHandlingUnitContact(tx: TenantTx, ctx: UseCaseContext, contactId: unknown, input: unknown) {
  assertCan(ctx.actor, "tenant.handlingUnits.manage", { tenantId: tx.tenantId });
  const contact = await findContact(tx, contactId);
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

/** A contact of this county by an untrusted id, or NotFoundError. */
export async function findContact(tx: TenantTx, contactId: unknown) {
  const id = ZId.safeParse(contactId);
  if (!id.success) throw new NotFoundError();
  const [contact] = await tx
    .select()
    .from(handlingUnitContacts)
    .where(and(eq(handlingUnitContacts.tenantId, tx.tenantId), eq(handlingUnitContacts.id, id.data)));
  if (!contact) throw new NotFoundError();
  return contact;
}
