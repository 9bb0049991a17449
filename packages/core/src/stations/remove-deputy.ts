import { deputies, deputyStations, postClaims, type TenantTx } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { stationInScope } from "./station-in-scope";

export const ZRemoveDeputy = z.object({ stationId: ZId, deputyId: ZId });

/**
 * A deputy leaves a station (出站). Their claims there end with them (history kept);
 * a station head must first be replaced as head.
 */
export async function removeDeputy(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  const { stationId, deputyId } = parseInput(ZRemoveDeputy, input);
  const station = await stationInScope(tx, ctx, stationId, "tenant.stations.manage");
  if (station.headDeputyId === deputyId) throw new ConflictError("errors.headCannotLeave");
  const [removed] = await tx
    .delete(deputyStations)
    .where(
      and(
        eq(deputyStations.tenantId, tx.tenantId),
        eq(deputyStations.stationId, station.id),
        eq(deputyStations.deputyId, deputyId),
      ),
    )
    .returning({ deputyId: deputyStations.deputyId });
  if (!removed) throw new NotFoundError();
  await tx
    .update(postClaims)
    .set({ status: "ended", endedAt: now })
    .where(
      and(
        eq(postClaims.tenantId, tx.tenantId),
        eq(postClaims.stationId, station.id),
        eq(postClaims.deputyId, deputyId),
        inArray(postClaims.status, ["pending", "approved"]),
      ),
    );
  const [deputy] = await tx
    .select({ name: deputies.name })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.id, deputyId)));
  await recordAudit(tx, ctx, {
    action: "station.deputy_removed",
    objectType: "station",
    objectId: station.id,
    detail: { deputy: deputy?.name, station: station.name },
  });
}
