import { assertCan } from "@rdlink/auth";
import { assignmentProposals, handlingUnits, type TenantTx } from "@rdlink/db";
import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import { unitOptions } from "../cases/event-forms";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalCompare } from "../shared/natural-order";
import { meetingWorkingList, pendingProposals, ZMeetingListQuery } from "./meeting-list";
import { meetingOf } from "./meeting-of";

/** The units the meeting has assigned suggestions to, with how many each leads (主办) and co-handles (协办). */
export async function meetingUnits(tx: TenantTx, meetingId: string) {
  const rows = await tx
    .select({
      id: handlingUnits.id,
      name: handlingUnits.name,
      lead: sql<number>`count(*) filter (where ${assignmentProposals.leadUnitId} = ${handlingUnits.id})::int`,
      co: sql<number>`count(*) filter (where ${handlingUnits.id} = any(${assignmentProposals.coUnitIds}))::int`,
    })
    .from(assignmentProposals)
    .innerJoin(
      handlingUnits,
      and(
        eq(handlingUnits.tenantId, assignmentProposals.tenantId),
        or(
          eq(handlingUnits.id, assignmentProposals.leadUnitId),
          sql`${handlingUnits.id} = any(${assignmentProposals.coUnitIds})`,
        ),
      ),
    )
    .where(
      and(
        eq(assignmentProposals.tenantId, tx.tenantId),
        eq(assignmentProposals.meetingId, meetingId),
        isNotNull(assignmentProposals.assignedAt),
      ),
    )
    .groupBy(handlingUnits.id, handlingUnits.name);
  return rows.sort((a, b) => naturalCompare(a.name, b.name));
}

/**
 * A 交办会's page: its record, the working list (filtered), how many proposals wait for 确认交办 (and which
 * of them can no longer be sent),
 * the county's units for the pickers and the units it has assigned to (each with its 交办单).
 */
export async function getMeeting(
  tx: TenantTx,
  ctx: UseCaseContext,
  sessionId: string,
  meetingId: string,
  query: unknown = {},
) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const { session, meeting } = await meetingOf(tx, sessionId, meetingId);
  const filters = parseInput(ZMeetingListQuery, query);
  const [list, pending, units, assignedUnits] = await Promise.all([
    meetingWorkingList(tx, ctx.actor, session, meeting.id, filters),
    pendingProposals(tx, ctx.actor, meeting.id),
    unitOptions(tx),
    meetingUnits(tx, meeting.id),
  ]);
  return {
    session: { id: session.id, name: session.name },
    meeting,
    filters: { category: filters.category ?? null, q: filters.q ?? "", unproposed: filters.unproposed },
    suggestions: list,
    pending: pending.length,
    /** Proposed, but no longer waiting for 交办 (assigned meanwhile on the workbench): to take off. */
    stale: pending.filter((p) => !p.waiting).map((p) => ({ caseId: p.caseId, number: p.number })),
    units,
    assignedUnits,
  };
}
