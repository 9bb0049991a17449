import { assertCan } from "@rdlink/auth";
import { checklists, stations, stationTypes, type TenantTx } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";

export const ZListStationTypes = z.object({ includeArchived: z.boolean().default(false) });

/** The county's station types with their fields, standard and number of stations, for pickers and settings. */
export async function listStationTypes(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const { includeArchived } = parseInput(ZListStationTypes, input);
  const rows = await tx
    .select({ type: stationTypes, checklistName: checklists.name, stationCount: count(stations.id) })
    .from(stationTypes)
    .leftJoin(
      checklists,
      and(eq(checklists.tenantId, stationTypes.tenantId), eq(checklists.id, stationTypes.checklistId)),
    )
    .leftJoin(stations, and(eq(stations.tenantId, stationTypes.tenantId), eq(stations.stationTypeId, stationTypes.id)))
    .where(and(eq(stationTypes.tenantId, tx.tenantId), includeArchived ? undefined : isNull(stationTypes.archivedAt)))
    .groupBy(stationTypes.tenantId, stationTypes.id, checklists.name)
    .orderBy(asc(stationTypes.archivedAt), asc(stationTypes.sortOrder), asc(naturalOrder(stationTypes.name)));
  return rows.map(({ type, checklistName, stationCount }) => ({
    id: type.id,
    name: type.name,
    archivedAt: type.archivedAt,
    checklistId: type.checklistId,
    checklistName,
    stationCount,
    customFields: ZFieldList.parse(type.customFields),
    intakeFields: ZFieldList.parse(type.intakeFields),
  }));
}
