import { type Actor, townshipsInScope } from "@rdlink/auth";
import { type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { inTownshipScope } from "../shared/scope";

/** A form's township picker: the county's townships in use that the actor keeps, in their order. */
export function townshipsToPick(tx: TenantTx, actor: Actor) {
  return tx
    .select({ id: townships.id, name: townships.name })
    .from(townships)
    .where(
      and(
        eq(townships.tenantId, tx.tenantId),
        isNull(townships.archivedAt),
        inTownshipScope(townships.id, townshipsInScope(actor)),
      ),
    )
    .orderBy(asc(townships.sortOrder));
}
