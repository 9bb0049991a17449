import { randomUUID } from "node:crypto";
import { assertCan, townshipsInScope } from "@rdlink/auth";
import { stations, type TenantTx } from "@rdlink/db";
import { startCase as startOnRuntime } from "@rdlink/workflow";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { validateFieldValues } from "../shared/field-values";
import { ZId, ZOptionalId } from "../shared/fields";
import { runtimeActor } from "./acting-as";
import { asUseCaseError } from "./case-errors";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { entryWorkflows } from "./entry-workflows";
import { STAFF_CHANNELS, titleOf } from "./opinion-input";

export const ZRegisterCase = z.object({
  workflowId: ZId,
  townshipId: ZId,
  /** The station it was brought to, if any: a step's 履职台账 entry is the station's. */
  stationId: ZOptionalId,
  /** How it came in: the ways staff record a citizen's matter (STAFF_CHANNELS). */
  channel: z.enum(STAFF_CHANNELS, { error: "validation.required" }),
  /** The workflow's start form, as its `entry.staff.form` declares it. */
  data: z.record(z.string(), z.unknown()).default({}),
});

/**
 * 登记: staff register a case of any workflow whose definition lets their role do so
 * (`entry.staff`), at a township of theirs, with the start form it declares. Its first text
 * answer is the case's title; the deputies it names are the case's deputies. A workflow that does not declare it, or not for this role, is
 * refused; so is a form not filled in right, each field named, and nothing is written.
 */
export async function registerCase(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.cases.start", { tenantId: tx.tenantId });
  const { workflowId, townshipId, stationId, channel, data } = parseInput(ZRegisterCase, input);
  const scope = townshipsInScope(ctx.actor);
  if (scope !== "all" && !scope.includes(townshipId)) throw new NotFoundError();
  if (stationId) {
    const [station] = await tx
      .select({ townshipId: stations.townshipId })
      .from(stations)
      .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, stationId)));
    if (station?.townshipId !== townshipId) throw new ValidationError({ stationId: "validation.stationNotInTownship" });
  }
  const workflow = (await entryWorkflows(tx, ctx.actor)).find((w) => w.workflowId === workflowId);
  if (!workflow) throw new ValidationError({ workflowId: "validation.entryNotAllowed" });
  const form = workflow.definition.entry.staff?.form ?? [];
  const values = await validateFieldValues(tx, form, data, "data");
  const firstText = form.find((f) => (f.type === "text" || f.type === "longText") && typeof values[f.key] === "string");
  // The deputies its start form names (a suggestion's lead deputy) are the case's: their desk has its 代表 steps.
  const deputyIds = form
    .filter((f) => f.type === "deputy" && typeof values[f.key] === "string")
    .map((f) => String(values[f.key]));
  try {
    return await startOnRuntime(
      new DrizzleCaseStore(tx, {
        townshipId,
        stationId,
        channel,
        title: firstText ? titleOf(String(values[firstText.key])) : null,
        deputyIds,
      }),
      {
        caseId: randomUUID(),
        versionId: workflow.versionId,
        data: values,
        actor: runtimeActor(ctx.actor),
        now,
      },
    );
  } catch (error) {
    throw asUseCaseError(error);
  }
}
