import { checklists, files, stationChecklistItems, stationTypes, type TenantTx } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { ZId, ZOptionalText } from "../shared/fields";
import { stationInScope } from "./station-in-scope";

export const MAX_EVIDENCE_PHOTOS = 6;

export const ZRecordChecklistItem = z.object({
  stationId: ZId,
  item: z.string().trim().min(1, "validation.required").max(30, "validation.tooLong"),
  met: z.enum(["yes", "partly", "no"], { error: "validation.required" }),
  note: ZOptionalText(500),
  /** Photos already stored (kept from before, or just uploaded). */
  photoIds: z.array(ZId).max(MAX_EVIDENCE_PHOTOS, "validation.tooManyPhotos").default([]),
});

/**
 * How a station meets one item of its type's standard ("有场所": yes, with a note and
 * photos as evidence). The township keeps it; the county reviews it.
 */
export async function recordChecklistItem(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  const { stationId, item, met, note, photoIds } = parseInput(ZRecordChecklistItem, input);
  const station = await stationInScope(tx, ctx, stationId, "tenant.stations.manage");
  const [standard] = await tx
    .select({ items: checklists.items })
    .from(stationTypes)
    .innerJoin(
      checklists,
      and(eq(checklists.tenantId, stationTypes.tenantId), eq(checklists.id, stationTypes.checklistId)),
    )
    .where(and(eq(stationTypes.tenantId, tx.tenantId), eq(stationTypes.id, station.stationTypeId)));
  if (!standard?.items.includes(item)) throw new ValidationError({ item: "validation.invalidReference" });
  const photos = [...new Set(photoIds)];
  if (photos.length > 0) {
    const found = await tx
      .select({ id: files.id })
      .from(files)
      .where(and(eq(files.tenantId, tx.tenantId), inArray(files.id, photos)));
    if (found.length !== photos.length) throw new ValidationError({ photoIds: "validation.invalidReference" });
  }
  const values = { met, note, photoIds: photos, updatedAt: now };
  await tx
    .insert(stationChecklistItems)
    .values({ stationId: station.id, item, ...values })
    .onConflictDoUpdate({
      target: [stationChecklistItems.tenantId, stationChecklistItems.stationId, stationChecklistItems.item],
      set: values,
    });
  await recordAudit(tx, ctx, {
    action: "station.checklist_recorded",
    objectType: "station",
    objectId: station.id,
    detail: { item, met, photos: photos.length },
  });
}
