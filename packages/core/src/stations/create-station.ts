import { assertCan } from "@rdlink/auth";
import {
  dutyPosts,
  memberships,
  stationLiaisons,
  stationPosts,
  stations,
  stationTypes,
  type TenantTx,
  townships,
} from "@rdlink/db";
import { buildValidator, ZFieldList } from "@rdlink/forms";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput, ValidationError } from "../shared/errors";
import { ZId, ZName } from "../shared/fields";

const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => v || null);

export const ZCreateStation = z.object({
  stationTypeId: ZId,
  townshipId: ZId,
  name: ZName,
  address: ZOptionalText(200),
  receptionSchedule: ZOptionalText(100),
  theme: ZOptionalText(100),
  partners: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  liaisonUserIds: z.array(ZId).min(1, "validation.liaisonRequired").max(2, "validation.tooMany"),
  customValues: z.record(z.string(), z.unknown()).default({}),
  status: z.enum(["planned", "active", "closed"]).default("active"),
});

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
  const liaisons = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tx.tenantId),
        eq(memberships.role, "station_liaison"),
        inArray(memberships.userId, data.liaisonUserIds),
      ),
    );
  if (liaisons.length !== new Set(data.liaisonUserIds).size)
    throw new ValidationError({ liaisonUserIds: "validation.invalidReference" });

  const fields = ZFieldList.parse(type.customFields);
  const values = buildValidator(fields).safeParse(data.customValues);
  if (!values.success) {
    throw new ValidationError(
      Object.fromEntries(values.error.issues.map((i) => [`customValues.${i.path.join(".")}`, i.message])),
    );
  }

  let station: typeof stations.$inferSelect;
  try {
    [station] = (await tx
      .insert(stations)
      .values({
        stationTypeId: type.id,
        townshipId: data.townshipId,
        name: data.name,
        address: data.address,
        receptionSchedule: data.receptionSchedule,
        theme: data.theme,
        partners: data.partners,
        customValues: values.data,
        status: data.status,
      })
      .returning()) as [typeof stations.$inferSelect];
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.stationNameTaken", "name");
    throw error;
  }
  await tx.insert(stationLiaisons).values(liaisons.map(({ userId }) => ({ stationId: station.id, userId })));
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
