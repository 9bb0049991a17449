import type { Actor } from "@rdlink/auth";
import {
  assignmentProposals,
  cases,
  congressSessions,
  deputies,
  handlingUnits,
  suggestions,
  type TenantTx,
} from "@rdlink/db";
import { and, desc, eq, ilike, isNotNull, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import { actingAs } from "../cases/acting-as";
import { eventWith } from "../cases/capabilities";
import { CASE_CATEGORIES } from "../cases/case-categories";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import { naturalCompare } from "../shared/natural-order";
import { similarTitleIndex } from "./similar-titles";

/** The working list's filters, as the page's query string sends them; anything unknown is ignored. */
export const ZMeetingListQuery = z.object({
  category: z.enum(CASE_CATEGORIES).optional().catch(undefined),
  q: z.string().trim().max(60).optional().catch(undefined),
  /** "Only those without a proposal yet". */
  unproposed: z
    .union([z.boolean(), z.string()])
    .optional()
    .catch(undefined)
    .transform((v) => v === true || v === "1" || v === "on" || v === "true"),
});
export type TMeetingListQuery = z.infer<typeof ZMeetingListQuery>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The states, per workflow version, where `actor` may send a 交办 (a transition carrying
 * `assignHandlingUnit`, whatever the county named it): a suggestion's case there waits for one.
 */
export async function assigningStates(tx: TenantTx, actor: Actor, versionIds: Iterable<string>) {
  const roles = actingAs(actor);
  const store = new DrizzleCaseStore(tx);
  const byVersion = new Map<string, Set<string>>();
  for (const versionId of new Set(versionIds)) {
    const { definition } = await store.loadVersion(versionId);
    const states = Object.entries(definition.states).filter(
      ([, state]) => eventWith(state, "assignHandlingUnit", roles) !== undefined,
    );
    byVersion.set(versionId, new Set(states.map(([key]) => key)));
  }
  return byVersion;
}

/**
 * The units that handled the earlier sessions' suggestions (a session before this one by 届次 and
 * 会次), the latest session first: the titles the hint compares with.
 */
function earlierAssignments(tx: TenantTx, session: { term: number; meeting: number }) {
  return tx
    .select({ title: cases.title, unitId: handlingUnits.id, unitName: handlingUnits.name })
    .from(suggestions)
    .innerJoin(
      congressSessions,
      and(eq(congressSessions.tenantId, suggestions.tenantId), eq(congressSessions.id, suggestions.sessionId)),
    )
    .innerJoin(cases, and(eq(cases.tenantId, suggestions.tenantId), eq(cases.id, suggestions.caseId)))
    .innerJoin(
      handlingUnits,
      and(eq(handlingUnits.tenantId, cases.tenantId), eq(handlingUnits.id, cases.handlingUnitId)),
    )
    .where(
      and(
        eq(suggestions.tenantId, tx.tenantId),
        or(
          lt(congressSessions.term, session.term),
          and(eq(congressSessions.term, session.term), lt(congressSessions.meeting, session.meeting)),
        ),
        isNotNull(cases.title),
        isNull(handlingUnits.archivedAt),
      ),
    )
    .orderBy(desc(congressSessions.term), desc(congressSessions.meeting));
}

/**
 * 交办会's working list: the session's suggestions still waiting for 交办 (their case at a step
 * where this actor may assign), in number order, filtered, each with the meeting's proposal for it
 * and a hint — the unit that handled the most similar title of an earlier session.
 */
export async function meetingWorkingList(
  tx: TenantTx,
  actor: Actor,
  session: { id: string; term: number; meeting: number },
  meetingId: string,
  query: TMeetingListQuery,
) {
  const text = query.q ? `%${escapeLike(query.q)}%` : null;
  const [rows, earlier] = await Promise.all([
    tx
      .select({
        caseId: suggestions.caseId,
        number: suggestions.number,
        title: cases.title,
        category: cases.category,
        state: cases.state,
        versionId: cases.versionId,
        leadDeputyName: deputies.name,
        leadUnitId: assignmentProposals.leadUnitId,
        coUnitIds: assignmentProposals.coUnitIds,
        keySupervision: assignmentProposals.keySupervision,
      })
      .from(suggestions)
      .innerJoin(cases, and(eq(cases.tenantId, suggestions.tenantId), eq(cases.id, suggestions.caseId)))
      .innerJoin(deputies, and(eq(deputies.tenantId, suggestions.tenantId), eq(deputies.id, suggestions.leadDeputyId)))
      .leftJoin(
        assignmentProposals,
        and(
          eq(assignmentProposals.tenantId, suggestions.tenantId),
          eq(assignmentProposals.meetingId, meetingId),
          eq(assignmentProposals.caseId, suggestions.caseId),
          // One sent and then returned by its unit (退回) waits for a new proposal.
          isNull(assignmentProposals.assignedAt),
        ),
      )
      .where(
        and(
          eq(suggestions.tenantId, tx.tenantId),
          eq(suggestions.sessionId, session.id),
          eq(cases.status, "active"),
          query.category ? eq(cases.category, query.category) : undefined,
          text ? or(ilike(cases.title, text), ilike(suggestions.number, text), ilike(deputies.name, text)) : undefined,
          query.unproposed ? isNull(assignmentProposals.id) : undefined,
        ),
      ),
    earlierAssignments(tx, session),
  ]);
  const states = await assigningStates(
    tx,
    actor,
    rows.map((r) => r.versionId),
  );
  const hints = similarTitleIndex(earlier as { title: string; unitId: string; unitName: string }[]);
  const waiting = rows
    .filter((row) => states.get(row.versionId)?.has(row.state))
    .map(({ versionId: _v, state: _s, leadUnitId, coUnitIds, keySupervision, ...row }) => {
      const similar = row.title ? hints.mostSimilar(row.title) : null;
      return {
        ...row,
        proposal: leadUnitId
          ? { leadUnitId, coUnitIds: coUnitIds ?? [], keySupervision: keySupervision ?? false }
          : null,
        hint: similar
          ? { unitId: similar.item.unitId, unitName: similar.item.unitName, title: similar.item.title }
          : null,
      };
    });
  waiting.sort((a, b) => naturalCompare(a.number, b.number));
  return waiting;
}

/**
 * The meeting's proposals not yet sent, each with its suggestion's number and whether its case
 * still waits for 交办 (one assigned meanwhile on the workbench no longer does: 确认交办 names it).
 */
export async function pendingProposals(tx: TenantTx, actor: Actor, meetingId: string) {
  const rows = await tx
    .select({
      id: assignmentProposals.id,
      caseId: assignmentProposals.caseId,
      leadUnitId: assignmentProposals.leadUnitId,
      coUnitIds: assignmentProposals.coUnitIds,
      keySupervision: assignmentProposals.keySupervision,
      number: suggestions.number,
      state: cases.state,
      status: cases.status,
      versionId: cases.versionId,
    })
    .from(assignmentProposals)
    .innerJoin(cases, and(eq(cases.tenantId, assignmentProposals.tenantId), eq(cases.id, assignmentProposals.caseId)))
    .innerJoin(
      suggestions,
      and(eq(suggestions.tenantId, assignmentProposals.tenantId), eq(suggestions.caseId, assignmentProposals.caseId)),
    )
    .where(
      and(
        eq(assignmentProposals.tenantId, tx.tenantId),
        eq(assignmentProposals.meetingId, meetingId),
        isNull(assignmentProposals.assignedAt),
      ),
    );
  const states = await assigningStates(
    tx,
    actor,
    rows.map((r) => r.versionId),
  );
  return rows
    .map(({ state, status, versionId, ...row }) => ({
      ...row,
      waiting: status === "active" && states.get(versionId)?.has(state) === true,
    }))
    .sort((a, b) => naturalCompare(a.number, b.number));
}
