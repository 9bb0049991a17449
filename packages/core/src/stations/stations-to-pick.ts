import { type Actor, townshipsInScope } from "@rdlink/auth";
import { stations, type TenantTx } from "@rdlink/db";
import { and, asc, eq, ne } from "drizzle-orm";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";

/** A form's station picker: the stations in use in the actor's townships, with their township. */
export function stationsToPick(tx: TenantTx, actor: Actor) {
  return tx
    .select({ id: stations.id, name: stations.name, townshipId: stations.townshipId })
    .from(stations)
    .where(
      and(
        eq(stations.tenantId, tx.tenantId),
        ne(stations.status, "closed"),
        inTownshipScope(stations.townshipId, townshipsInScope(actor)),
      ),
    )
    .orderBy(asc(naturalOrder(stations.name)));
}
