import { handlingUnits, type TenantTx } from "@rdlink/db";
import type { ValidationContext } from "@rdlink/workflow";
import { and, asc, eq, isNull } from "drizzle-orm";
import { naturalOrder } from "../shared/natural-order";
import { teamNames } from "../teams/list-teams";

/**
 * What a county's definitions may name besides their own parts: its teams (by key) and its
 * handling units (by id). The designer offers them by name; validation refuses anything else.
 */
export async function countyReferences(tx: TenantTx) {
  const teams = [...(await teamNames(tx))].map(([key, name]) => ({ key, name }));
  const units = await tx
    .select({ id: handlingUnits.id, name: handlingUnits.name })
    .from(handlingUnits)
    .where(and(eq(handlingUnits.tenantId, tx.tenantId), isNull(handlingUnits.archivedAt)))
    .orderBy(asc(naturalOrder(handlingUnits.name)));
  return { teams, units };
}

export async function countyValidationContext(tx: TenantTx): Promise<ValidationContext> {
  const { teams, units } = await countyReferences(tx);
  return { teams: new Set(teams.map((t) => t.key)), handlingUnits: new Set(units.map((u) => u.id)) };
}
