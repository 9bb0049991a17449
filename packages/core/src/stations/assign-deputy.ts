import { assertCan } from "@rdlink/auth";
import { deputies, deputyStations, stations, type TenantTx } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";

export const ZAssignDeputy = z.object({ stationId: ZId, deputyId: ZId });

/** A deputy enters a station (进站), which lets them claim its posts. */
export async function assignDeputy(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const { stationId, deputyId } = parseInput(ZAssignDeputy, input);
  const [station] = await tx
    .select({ townshipId: stations.townshipId })
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, stationId)));
  if (!station) throw new NotFoundError();
  assertCan(ctx.actor, "tenant.stations.manage", { tenantId: tx.tenantId, townshipId: station.townshipId });
  const [deputy] = await tx
    .select({ name: deputies.name })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.id, deputyId), isNull(deputies.archivedAt)));
  if (!deputy) throw new ValidationError({ deputyId: "validation.invalidReference" });
  await tx.insert(deputyStations).values({ stationId, deputyId }).onConflictDoNothing();
  await recordAudit(tx, ctx, {
    action: "station.deputy_assigned",
    objectType: "station",
    objectId: stationId,
    detail: { deputy: deputy.name },
  });
}
