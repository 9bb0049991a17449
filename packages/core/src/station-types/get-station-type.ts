import { assertCan } from "@rdlink/auth";
import { checklists, stations, stationTypes, type TenantTx } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";

/** One station type for its settings page, with the standards it can follow. */
export async function getStationType(tx: TenantTx, ctx: UseCaseContext, idInput: unknown) {
  assertCan(ctx.actor, "tenant.stationTypes.manage", { tenantId: tx.tenantId });
  const id = ZId.safeParse(idInput);
  if (!id.success) throw new NotFoundError();
  const [type] = await tx
    .select()
    .from(stationTypes)
    .where(and(eq(stationTypes.tenantId, tx.tenantId), eq(stationTypes.id, id.data)));
  if (!type) throw new NotFoundError();
  const [stationCount] = await tx
    .select({ value: count() })
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.stationTypeId, type.id)));
  const standards = await tx
    .select({ id: checklists.id, name: checklists.name, items: checklists.items })
    .from(checklists)
    .where(and(eq(checklists.tenantId, tx.tenantId), isNull(checklists.archivedAt)))
    .orderBy(asc(checklists.createdAt));
  return {
    type: {
      id: type.id,
      name: type.name,
      checklistId: type.checklistId,
      archivedAt: type.archivedAt,
      customFields: ZFieldList.parse(type.customFields),
      intakeFields: ZFieldList.parse(type.intakeFields),
    },
    stationCount: stationCount?.value ?? 0,
    standards,
  };
}
