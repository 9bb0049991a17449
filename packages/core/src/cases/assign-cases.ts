import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { actOnCase } from "./act-on-case";
import { casesReadyFor } from "./cases-ready-for";

export const ZAssignCases = z.object({
  caseIds: z.array(ZId).min(1, "validation.required").max(100, "validation.tooMany"),
  handlingUnit: ZId,
});

/**
 * Bulk 交办: the selected cases all go to one handling unit, or none does. Each must be
 * within reach and at a step where this actor may assign (a transition that carries
 * `assignHandlingUnit`, whatever its workflow calls it); those that are not are named
 * (`caseIds.<id>`), and nothing is written.
 */
export async function assignCases(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.cases.act", { tenantId: tx.tenantId });
  const { caseIds, handlingUnit } = parseInput(ZAssignCases, input);
  const ready = await casesReadyFor(tx, ctx.actor, caseIds, "assignHandlingUnit", {
    refused: "work.bulk.refused",
    notReady: "work.bulk.notAssignable",
  });
  for (const kase of ready) {
    // The unit goes in the form field the workflow's own 交办 step reads it from.
    const data = { [String(kase.step.params.field)]: handlingUnit };
    await actOnCase(tx, ctx, { caseId: kase.id, event: kase.step.event, data, expectedSeq: kase.seq }, now);
  }
  return { assigned: ready.length };
}
