import { assertCan } from "@rdlink/auth";
import { dutyPosts, stationLiaisons, stationPosts, stations, stationTypes, type TenantTx, townships } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput, ValidationError } from "../shared/errors";
import { validateFieldValues } from "../shared/field-values";
import { ZId, ZName } from "../shared/fields";
import { assertLiaisonOfficers } from "./liaison-officers";
import { newStationCode } from "./station-code";
import { ZMapPoint, ZStationDetails } from "./station-fields";

export const ZCreateStation = ZStationDetails.extend({
  stationTypeId: ZId,
  townshipId: ZId,
  name: ZName,
}).and(ZMapPoint);

/**
 * A new station of a type, in a township of the actor's scope, with its liaison officers.
 * It offers every active duty post of the county to begin with; custom field values are
 * checked against the type's fields.
 */
export async function createStation(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const data = parseInput(ZCreateStation, input);
  assertCan(ctx.actor, "tenant.stations.manage", { tenantId: tx.tenantId, townshipId: data.townshipId });
  const [type] = await tx
    .select()
    .from(stationTypes)
    .where(
      and(
        eq(stationTypes.tenantId, tx.tenantId),
        eq(stationTypes.id, data.stationTypeId),
        isNull(stationTypes.archivedAt),
      ),
    );
  if (!type) throw new ValidationError({ stationTypeId: "validation.invalidReference" });
  const [township] = await tx
    .select({ id: townships.id })
    .from(townships)
    .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.id, data.townshipId), isNull(townships.archivedAt)));
  if (!township) throw new ValidationError({ townshipId: "validation.unknownTownship" });
  const liaisonIds = await assertLiaisonOfficers(tx, data.liaisonUserIds, data.townshipId);

  const customValues = await validateFieldValues(
    tx,
    ZFieldList.parse(type.customFields),
    data.customValues,
    "customValues",
  );

  const code = await unusedStationCode(tx);
  let station: typeof stations.$inferSelect;
  try {
    [station] = (await tx
      .insert(stations)
      .values({
        stationTypeId: type.id,
        townshipId: data.townshipId,
        code,
        name: data.name,
        address: data.address,
        latitude: data.latitude,
        longitude: data.longitude,
        receptionSchedule: data.receptionSchedule,
        theme: data.theme,
        partners: data.partners,
        customValues,
        status: data.status,
      })
      .returning()) as [typeof stations.$inferSelect];
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.stationNameTaken", "name");
    throw error;
  }
  await tx.insert(stationLiaisons).values(liaisonIds.map((userId) => ({ stationId: station.id, userId })));
  const posts = await tx
    .select({ id: dutyPosts.id })
    .from(dutyPosts)
    .where(and(eq(dutyPosts.tenantId, tx.tenantId), isNull(dutyPosts.archivedAt)));
  if (posts.length > 0)
    await tx.insert(stationPosts).values(posts.map((p) => ({ stationId: station.id, postId: p.id })));
  await recordAudit(tx, ctx, {
    action: "station.created",
    objectType: "station",
    objectId: station.id,
    detail: { name: data.name },
  });
  return station;
}

/** A code no station of this county has yet (a clash is about one in a million, so it is checked, not caught). */
async function unusedStationCode(tx: TenantTx): Promise<string> {
  for (;;) {
    const code = newStationCode();
    const [taken] = await tx
      .select({ id: stations.id })
      .from(stations)
      .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.code, code)));
    if (!taken) return code;
  }
}
