import { communities, deputyStations, stationLiaisons, stations, stationTypes, type TenantTx } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput, ValidationError } from "../shared/errors";
import { validateFieldValues } from "../shared/field-values";
import { ZId, ZName, ZOptionalId } from "../shared/fields";
import { assertLiaisonOfficers } from "./liaison-officers";
import { ZMapPoint, ZStationDetails } from "./station-fields";
import { stationInScope } from "./station-in-scope";

export const ZUpdateStation = ZStationDetails.extend({
  stationId: ZId,
  name: ZName,
  communityId: ZOptionalId,
  headDeputyId: ZOptionalId,
}).and(ZMapPoint);

/**
 * Edits a station in the actor's scope. Its type and township stay (a station that moves
 * is a new station); values of fields its type no longer has are kept as they were.
 */
export async function updateStation(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const data = parseInput(ZUpdateStation, input);
  const station = await stationInScope(tx, ctx, data.stationId, "tenant.stations.manage");
  const [type] = await tx
    .select({ customFields: stationTypes.customFields })
    .from(stationTypes)
    .where(and(eq(stationTypes.tenantId, tx.tenantId), eq(stationTypes.id, station.stationTypeId)));

  const liaisonIds = await assertLiaisonOfficers(tx, data.liaisonUserIds, station.townshipId);
  if (data.communityId) {
    const [community] = await tx
      .select({ id: communities.id })
      .from(communities)
      .where(
        and(
          eq(communities.tenantId, tx.tenantId),
          eq(communities.id, data.communityId),
          eq(communities.townshipId, station.townshipId),
          isNull(communities.archivedAt),
        ),
      );
    if (!community) throw new ValidationError({ communityId: "validation.invalidReference" });
  }
  if (data.headDeputyId) {
    const [stationed] = await tx
      .select({ deputyId: deputyStations.deputyId })
      .from(deputyStations)
      .where(
        and(
          eq(deputyStations.tenantId, tx.tenantId),
          eq(deputyStations.stationId, station.id),
          eq(deputyStations.deputyId, data.headDeputyId),
        ),
      );
    if (!stationed) throw new ValidationError({ headDeputyId: "validation.headNotStationed" });
  }
  const fields = ZFieldList.parse(type?.customFields ?? []);
  const current = await validateFieldValues(tx, fields, data.customValues, "customValues");
  const kept = Object.fromEntries(
    Object.entries(station.customValues).filter(([key]) => !fields.some((field) => field.key === key)),
  );

  try {
    await tx
      .update(stations)
      .set({
        name: data.name,
        address: data.address,
        latitude: data.latitude,
        longitude: data.longitude,
        communityId: data.communityId,
        headDeputyId: data.headDeputyId,
        theme: data.theme,
        receptionSchedule: data.receptionSchedule,
        partners: data.partners,
        customValues: { ...kept, ...current },
        status: data.status,
      })
      .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, station.id)));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.stationNameTaken", "name");
    throw error;
  }
  await tx
    .delete(stationLiaisons)
    .where(and(eq(stationLiaisons.tenantId, tx.tenantId), eq(stationLiaisons.stationId, station.id)));
  await tx.insert(stationLiaisons).values(liaisonIds.map((userId) => ({ stationId: station.id, userId })));
  await recordAudit(tx, ctx, {
    action: "station.updated",
    objectType: "station",
    objectId: station.id,
    detail: { name: data.name, status: data.status },
  });
}
