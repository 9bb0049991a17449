import { assertCan, can, type Permission } from "@rdlink/auth";
import { stations, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";

/**
 * The station a use case acts on, checked against the actor: not found unless they may
 * see it (another county's or township's station is not confirmed to exist), and refused
 * unless they may do `permission` in its township.
 */
export async function stationInScope(
  tx: TenantTx,
  ctx: UseCaseContext,
  stationIdInput: unknown,
  permission: Permission,
) {
  const stationId = ZId.safeParse(stationIdInput);
  if (!stationId.success) throw new NotFoundError();
  const [station] = await tx
    .select()
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, stationId.data)));
  const target = { tenantId: tx.tenantId, townshipId: station?.townshipId };
  if (!station || !can(ctx.actor, "tenant.stations.read", target)) throw new NotFoundError();
  assertCan(ctx.actor, permission, target);
  return station;
}
