import { assertCan } from "@rdlink/auth";
import { type TenantTx, workflows } from "@rdlink/db";
import { EMPTY_TEMPLATE, type TWorkflowDefinitionInput, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZName } from "../shared/fields";
import { assertWorkflowNameFree } from "./workflow-name-free";

export const ZCreateWorkflow = z.object({
  template: z.enum([EMPTY_TEMPLATE, ...WORKFLOW_TEMPLATES.map((t) => t.key)], { error: "validation.invalidOption" }),
  name: ZName,
});

/** The smallest workflow that is valid: a start its county admin closes. Counties draw the rest. */
function emptyDefinition(key: string, name: string): TWorkflowDefinitionInput {
  return {
    schemaVersion: 1,
    key,
    name: { "zh-CN": name },
    // Registered by the county admin until the county says who else may.
    entry: { staff: { roles: ["county_admin"], form: [] } },
    initial: "start",
    states: {
      start: {
        label: { "zh-CN": "开始", en: "Start" },
        kind: "wait",
        transitions: [
          { event: "FINISH", label: { "zh-CN": "办结", en: "Close" }, target: "closed", roles: ["county_admin"] },
        ],
      },
      closed: { label: { "zh-CN": "办结", en: "Closed" }, kind: "final" },
    },
  };
}

/** `citizenOpinion`, then `citizenOpinion_2`, `citizenOpinion_3`…: a key the county has not used. */
function freeKey(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/**
 * A new workflow, from one of the shipped templates or empty, as a draft: nothing runs on
 * it until its county admin publishes it. Its key (what cases and the runtime know it by)
 * is derived, never typed by the admin.
 */
export async function createWorkflow(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.workflows.manage", { tenantId: tx.tenantId });
  const { template, name } = parseInput(ZCreateWorkflow, input);
  await assertWorkflowNameFree(tx, name);
  const taken = new Set(
    (await tx.select({ key: workflows.key }).from(workflows).where(eq(workflows.tenantId, tx.tenantId))).map(
      (w) => w.key,
    ),
  );
  const key = freeKey(template === EMPTY_TEMPLATE ? "workflow" : template, taken);
  const source = WORKFLOW_TEMPLATES.find((t) => t.key === template);
  const draft = source
    ? { ...structuredClone(source), key, name: { ...source.name, "zh-CN": name } }
    : emptyDefinition(key, name);
  const [created] = await tx
    .insert(workflows)
    .values({
      key,
      name: draft.name,
      draft,
      draftUpdatedBy: ctx.actor.userId,
      draftUpdatedAt: ctx.clock.now(),
      createdAt: ctx.clock.now(),
    })
    .returning({ id: workflows.id, key: workflows.key });
  await recordAudit(tx, ctx, {
    action: "workflow.created",
    objectType: "workflow",
    objectId: created!.id,
    detail: { key, template },
  });
  return created!;
}
