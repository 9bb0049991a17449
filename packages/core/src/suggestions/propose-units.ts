import { assertCan } from "@rdlink/auth";
import { assignmentProposals, handlingUnits, type TenantTx } from "@rdlink/db";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { refuseNumbers, sessionSuggestions } from "./meeting-cases";
import { ZProposeUnits } from "./meeting-input";
import { assigningStates } from "./meeting-list";
import { meetingOf } from "./meeting-of";

/**
 * At the 交办会, staff propose 主办 and 协办 for many suggestions at once (or change one): the
 * units must be the county's, in use; each suggestion must be the session's and still wait for
 * 交办. Otherwise the field or the suggestions (by number) are named and nothing is written.
 * A proposal is only saved; 确认交办 sends them all.
 */
export async function proposeUnits(
  tx: TenantTx,
  ctx: UseCaseContext,
  sessionId: string,
  meetingId: string,
  input: unknown,
) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const { meeting } = await meetingOf(tx, sessionId, meetingId);
  const { caseIds, leadUnitId, keySupervision, ...rest } = parseInput(ZProposeUnits, input);
  // The lead is not also its own co-unit (the workflow's 协办 action leaves it out too).
  const coUnitIds = [...new Set(rest.coUnitIds)].filter((id) => id !== leadUnitId);
  const known = new Map(
    (
      await tx
        .select({ id: handlingUnits.id, name: handlingUnits.name })
        .from(handlingUnits)
        .where(
          and(
            eq(handlingUnits.tenantId, tx.tenantId),
            inArray(handlingUnits.id, [leadUnitId, ...coUnitIds]),
            isNull(handlingUnits.archivedAt),
          ),
        )
    ).map((u) => [u.id, u.name]),
  );
  if (!known.has(leadUnitId)) throw new ValidationError({ leadUnitId: "meetings.unknownUnit" });
  if (coUnitIds.some((id) => !known.has(id))) throw new ValidationError({ coUnitIds: "meetings.unknownUnit" });

  const rows = await sessionSuggestions(tx, meeting.sessionId, caseIds);
  const states = await assigningStates(
    tx,
    ctx.actor,
    rows.map((r) => r.versionId),
  );
  const done = rows.filter((r) => r.status !== "active" || !states.get(r.versionId)?.has(r.state));
  if (done.length > 0) refuseNumbers("meetings.notWaiting", done.map((r) => r.number).sort());

  const now = ctx.clock.now();
  await tx
    .insert(assignmentProposals)
    .values(
      rows.map((r) => ({
        meetingId: meeting.id,
        caseId: r.caseId,
        leadUnitId,
        coUnitIds,
        keySupervision,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [assignmentProposals.tenantId, assignmentProposals.meetingId, assignmentProposals.caseId],
      // A proposal sent and returned by its unit (退回) is a fresh one again.
      set: {
        leadUnitId,
        coUnitIds,
        keySupervision,
        assignedAt: null,
        updatedAt: sql`excluded.updated_at`,
      },
    });
  await recordAudit(tx, ctx, {
    action: "assignmentMeeting.proposed",
    objectType: "assignmentMeeting",
    objectId: meeting.id,
    detail: { count: rows.length, unit: known.get(leadUnitId) },
  });
  return { proposed: rows.length };
}
