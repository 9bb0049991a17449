import { assertCan } from "@rdlink/auth";
import { assignmentMeetings, assignmentProposals, handlingUnits, type TenantTx } from "@rdlink/db";
import type { TState } from "@rdlink/workflow";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { actOnCase } from "../cases/act-on-case";
import { type Capability, capabilityOf, transitionsOf } from "../cases/capabilities";
import { casesReadyFor } from "../cases/cases-ready-for";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, ValidationError } from "../shared/errors";
import { refuseNumbers } from "./meeting-cases";
import { pendingProposals } from "./meeting-list";
import { meetingOf } from "./meeting-of";

/**
 * The form data of the 交办 transition for one proposal: the unit in the field its
 * `assignHandlingUnit` reads, the co-units in its `setCoHandlingUnits` field and 重点建议 in its
 * `markKeySupervision` field when the same transition carries them — fields found by the
 * actions' parameters, never by the names the county gave them.
 */
function assignmentData(
  state: TState | undefined,
  event: string,
  proposal: { leadUnitId: string; coUnitIds: string[]; keySupervision: boolean },
) {
  const transition = transitionsOf(state, event).find((t) => capabilityOf(t, "assignHandlingUnit"));
  const field = (capability: Capability) => {
    const found = transition && capabilityOf(transition, capability);
    return found ? String(found.params.field) : null;
  };
  const data: Record<string, unknown> = { [field("assignHandlingUnit")!]: proposal.leadUnitId };
  const coField = field("setCoHandlingUnits");
  if (coField && proposal.coUnitIds.length > 0) data[coField] = proposal.coUnitIds;
  const keyField = field("markKeySupervision");
  if (keyField) data[keyField] = proposal.keySupervision;
  return data;
}

/**
 * 确认交办: every unsent proposal of the meeting goes out in one transaction through each case's own
 * 交办 step (the transition carrying `assignHandlingUnit`, as bulk 交办 on the workbench), which
 * starts each suggestion's clock. All or nothing: a suggestion that cannot be assigned (no longer
 * waiting, its unit retired, its step refused) is named by number and nothing is written.
 */
export async function assignAtMeeting(
  tx: TenantTx,
  ctx: UseCaseContext,
  sessionId: string,
  meetingId: string,
  now = ctx.clock.now(),
) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  assertCan(ctx.actor, "tenant.cases.act", { tenantId: tx.tenantId });
  const { meeting } = await meetingOf(tx, sessionId, meetingId);
  const pending = await pendingProposals(tx, ctx.actor, meeting.id);
  if (pending.length === 0) throw new ValidationError({}, "meetings.nothingToAssign");
  const stale = pending.filter((p) => !p.waiting);
  if (stale.length > 0)
    refuseNumbers(
      "meetings.notWaiting",
      stale.map((p) => p.number),
    );

  // A unit retired since it was proposed.
  const unitIds = [...new Set(pending.flatMap((p) => [p.leadUnitId, ...p.coUnitIds]))];
  const active = new Set(
    (
      await tx
        .select({ id: handlingUnits.id })
        .from(handlingUnits)
        .where(
          and(
            eq(handlingUnits.tenantId, tx.tenantId),
            inArray(handlingUnits.id, unitIds),
            isNull(handlingUnits.archivedAt),
          ),
        )
    ).map((u) => u.id),
  );
  const retired = pending.filter((p) => [p.leadUnitId, ...p.coUnitIds].some((id) => !active.has(id)));
  if (retired.length > 0)
    refuseNumbers(
      "meetings.unitRetired",
      retired.map((p) => p.number),
    );

  const numberOf = new Map(pending.map((p) => [p.caseId, p.number]));
  const ready = await casesReadyFor(
    tx,
    ctx.actor,
    pending.map((p) => p.caseId),
    "assignHandlingUnit",
    { refused: "meetings.notWaiting", notReady: "meetings.notWaiting" },
  ).catch((error: unknown) => {
    if (!(error instanceof ValidationError)) throw error;
    const ids = Object.keys(error.fieldErrors).map((key) => key.replace(/^caseIds\./, ""));
    return refuseNumbers(
      "meetings.notWaiting",
      ids.map((id) => numberOf.get(id) ?? id),
    );
  });
  const store = new DrizzleCaseStore(tx);
  const proposalOf = new Map(pending.map((p) => [p.caseId, p]));
  for (const kase of ready) {
    const { definition } = await store.loadVersion(kase.versionId);
    const data = assignmentData(definition.states[kase.state], kase.step.event, proposalOf.get(kase.id)!);
    try {
      await actOnCase(tx, ctx, { caseId: kase.id, event: kase.step.event, data, expectedSeq: kase.seq }, now);
    } catch (error) {
      // The step refused this one (its workflow asks for more than a meeting decides): say which.
      if (error instanceof ValidationError || error instanceof ConflictError) {
        refuseNumbers("meetings.stepRefused", [numberOf.get(kase.id)!]);
      }
      throw error;
    }
  }
  await tx
    .update(assignmentProposals)
    .set({ assignedAt: now, updatedAt: now })
    .where(
      and(
        eq(assignmentProposals.tenantId, tx.tenantId),
        inArray(
          assignmentProposals.id,
          pending.map((p) => p.id),
        ),
      ),
    );
  await tx
    .update(assignmentMeetings)
    .set({ assignedAt: now, assignedCount: sql`${assignmentMeetings.assignedCount} + ${ready.length}` })
    .where(and(eq(assignmentMeetings.tenantId, tx.tenantId), eq(assignmentMeetings.id, meeting.id)));
  await recordAudit(tx, ctx, {
    action: "assignmentMeeting.assigned",
    objectType: "assignmentMeeting",
    objectId: meeting.id,
    detail: { count: ready.length },
  });
  return { assigned: ready.length };
}
