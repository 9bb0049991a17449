import { assertCan } from "@rdlink/auth";
import { deputies, deputyStations, stations, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";

/** One deputy, or several (the picker submits its ids comma-joined in one field). */
const ZDeputyIds = z.preprocess(
  (value) => (typeof value === "string" ? value.split(",").filter(Boolean) : value),
  z.array(ZId, { error: "validation.required" }).min(1, "validation.required").max(200, "validation.tooMany"),
);

export const ZAssignDeputy = z.object({ stationId: ZId, deputyId: ZDeputyIds });

/**
 * Deputies enter a station (进站), which lets them claim its posts: one or several at once,
 * all or none. A deputy already in the station stays as they were.
 */
export async function assignDeputy(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const { stationId, deputyId } = parseInput(ZAssignDeputy, input);
  const deputyIds = [...new Set(deputyId)];
  const [station] = await tx
    .select({ townshipId: stations.townshipId })
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, stationId)));
  if (!station) throw new NotFoundError();
  assertCan(ctx.actor, "tenant.stations.manage", { tenantId: tx.tenantId, townshipId: station.townshipId });
  const found = await tx
    .select({ id: deputies.id, name: deputies.name })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), inArray(deputies.id, deputyIds), isNull(deputies.archivedAt)));
  if (found.length !== deputyIds.length) throw new ValidationError({ deputyId: "validation.invalidReference" });
  const entered = await tx
    .insert(deputyStations)
    .values(deputyIds.map((id) => ({ stationId, deputyId: id })))
    .onConflictDoNothing()
    .returning({ deputyId: deputyStations.deputyId });
  for (const { deputyId: id } of entered)
    await recordAudit(tx, ctx, {
      action: "station.deputy_assigned",
      objectType: "station",
      objectId: stationId,
      detail: { deputy: found.find((d) => d.id === id)!.name },
    });
  return { entered: entered.length };
}
