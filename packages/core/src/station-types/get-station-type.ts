import { assertCan } from "@rdlink/auth";
import { checklists, stations, stationTypes, type TenantTx } from "@rdlink/db";
import { ZFieldList } from "@rdlink/forms";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { latestVersions } from "../workflows/latest-versions";

/** One station type for its settings page, with the standards it can follow and the opinion workflows its QR codes can start. */
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
  // The opinion workflows its QR codes may start (the county may keep several, e.g. one with a 随手拍 fast track).
  const opinionWorkflows = await latestVersions(tx, sql`v.kind = 'opinion'`);
  const names = new Map(
    opinionWorkflows.map((v) => [v.workflow_id, (v.definition as { name: { "zh-CN": string } }).name["zh-CN"]]),
  );
  return {
    type: {
      id: type.id,
      name: type.name,
      checklistId: type.checklistId,
      intakeWorkflowId: type.intakeWorkflowId,
      archivedAt: type.archivedAt,
      customFields: ZFieldList.parse(type.customFields),
      intakeFields: ZFieldList.parse(type.intakeFields),
    },
    stationCount: stationCount?.value ?? 0,
    standards,
    intakeWorkflows: [...names].map(([id, name]) => ({ id, name })),
  };
}
