import { assertCan, can } from "@rdlink/auth";
import { handlingUnitContacts, handlingUnits, memberships, type TenantTx, users } from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import { maskPhone } from "../deputies/sheet/build-deputy-sheet";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { naturalOrder } from "../shared/natural-order";

/** One handling unit of this county with its contacts (phones masked) and staff accounts; 404 otherwise. */
export async function getHandlingUnit(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  assertCan(ctx.actor, "tenant.handlingUnits.read", { tenantId: tx.tenantId });
  const unit = await findHandlingUnit(tx, idInput);
  const contacts = await tx
    .select()
    .from(handlingUnitContacts)
    .where(and(eq(handlingUnitContacts.tenantId, tx.tenantId), eq(handlingUnitContacts.handlingUnitId, unit.id)))
    .orderBy(asc(handlingUnitContacts.createdAt));
  const canManage = can(ctx.actor, "tenant.handlingUnits.manage", { tenantId: tx.tenantId });
  const staff = canManage
    ? await tx
        .select({
          userId: users.id,
          username: users.username,
          displayName: users.displayName,
          activated: users.passwordHash,
          disabledAt: users.disabledAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.tenantId, tx.tenantId), eq(memberships.handlingUnitId, unit.id)))
        .orderBy(asc(naturalOrder(users.username)))
    : [];
  return {
    unit,
    contacts: contacts.map(({ phone, ...contact }) => ({ ...contact, phone: phone ? maskPhone(phone) : null })),
    staff: staff.map(({ activated, disabledAt, ...person }) => ({
      ...person,
      activated: activated !== null,
      disabled: disabledAt !== null,
    })),
    canManage,
    canReveal: can(ctx.actor, "tenant.handlingUnits.revealPhone", { tenantId: tx.tenantId }),
  };
}

/** The unit by an untrusted id, or NotFoundError (also for another county's id). */
export async function findHandlingUnit(tx: TenantTx, idInput: unknown) {
  const id = ZId.safeParse(idInput);
  if (!id.success) throw new NotFoundError();
  const [unit] = await tx
    .select()
    .from(handlingUnits)
    .where(and(eq(handlingUnits.tenantId, tx.tenantId), eq(handlingUnits.id, id.data)));
  if (!unit) throw new NotFoundError();
  return unit;
}
