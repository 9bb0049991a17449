import { assertCan } from "@rdlink/auth";
import { assignmentProposals, cases, deputies, handlingUnits, suggestions, type TenantTx, tenants } from "@rdlink/db";
import { addDuration, localDateOf } from "@rdlink/workflow";
import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { naturalCompare } from "../shared/natural-order";
import { meetingOf } from "./meeting-of";

/** 代表法 and the county's 办理办法: a suggestion is answered within three months of its 交办. */
const ANSWER_WITHIN = { amount: 3, unit: "months" } as const;

/**
 * A unit's 交办单 for the meeting: the county, the meeting and its day, the suggestions it leads
 * (主办) and co-handles (协办) as the meeting assigned them, each with its 领衔代表 and 办理期限
 * (three calendar months from its 交办, 民法典's way, on the county's calendar). A unit of another
 * county, or one the meeting gave nothing, is not found.
 */
export async function unitSheet(
  tx: TenantTx,
  ctx: UseCaseContext,
  sessionId: string,
  meetingId: string,
  unitId: string,
) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const { session, meeting } = await meetingOf(tx, sessionId, meetingId);
  if (!z.uuid().safeParse(unitId).success) throw new NotFoundError();
  const [[county], [unit]] = await Promise.all([
    tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tx.tenantId)),
    tx
      .select({ id: handlingUnits.id, name: handlingUnits.name })
      .from(handlingUnits)
      .where(and(eq(handlingUnits.tenantId, tx.tenantId), eq(handlingUnits.id, unitId))),
  ]);
  if (!unit) throw new NotFoundError();
  const rows = await tx
    .select({
      caseId: assignmentProposals.caseId,
      lead: sql<boolean>`${assignmentProposals.leadUnitId} = ${unit.id}`,
      assignedAt: assignmentProposals.assignedAt,
      number: suggestions.number,
      title: cases.title,
      leadDeputyName: deputies.name,
      leadUnitName: handlingUnits.name,
    })
    .from(assignmentProposals)
    .innerJoin(
      suggestions,
      and(eq(suggestions.tenantId, assignmentProposals.tenantId), eq(suggestions.caseId, assignmentProposals.caseId)),
    )
    .innerJoin(cases, and(eq(cases.tenantId, assignmentProposals.tenantId), eq(cases.id, assignmentProposals.caseId)))
    .innerJoin(deputies, and(eq(deputies.tenantId, suggestions.tenantId), eq(deputies.id, suggestions.leadDeputyId)))
    .innerJoin(
      handlingUnits,
      and(
        eq(handlingUnits.tenantId, assignmentProposals.tenantId),
        eq(handlingUnits.id, assignmentProposals.leadUnitId),
      ),
    )
    .where(
      and(
        eq(assignmentProposals.tenantId, tx.tenantId),
        eq(assignmentProposals.meetingId, meeting.id),
        isNotNull(assignmentProposals.assignedAt),
        or(eq(assignmentProposals.leadUnitId, unit.id), sql`${unit.id}::uuid = any(${assignmentProposals.coUnitIds})`),
      ),
    );
  if (rows.length === 0) throw new NotFoundError();
  const calendar = await new DrizzleCaseStore(tx).calendar();
  const listed = rows
    .map(({ assignedAt, ...row }) => {
      // The limit ends at 24:00 of its last day: the sheet shows that day.
      const due = addDuration(assignedAt!, ANSWER_WITHIN, calendar);
      return { ...row, assignedOn: localDateOf(assignedAt!), dueOn: localDateOf(new Date(due.getTime() - 1)) };
    })
    .sort((a, b) => naturalCompare(a.number, b.number));
  return {
    county: county?.name ?? "",
    session: { id: session.id, name: session.name },
    meeting: { id: meeting.id, name: meeting.name, heldOn: meeting.heldOn },
    unit,
    assignedOn: meeting.assignedAt ? localDateOf(meeting.assignedAt) : null,
    lead: listed.filter((r) => r.lead),
    co: listed.filter((r) => !r.lead),
  };
}
