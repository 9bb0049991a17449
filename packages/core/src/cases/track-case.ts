import { type AppTx, caseEvents } from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import { caseNames } from "./case-names";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { findTrackedCase } from "./find-tracked-case";
import { PUBLIC_ANSWER_FIELDS } from "./public-answers";

/**
 * What a citizen sees by tracking code: where the case stands in plain words, when it
 * moved, the public answers, and the rating form when the workflow asks for one. No
 * names, no phone numbers, nothing of the internal notes.
 */
export async function trackCase(tx: AppTx, code: unknown) {
  const { tenantTx, row } = await findTrackedCase(tx, code);
  const { definition } = await new DrizzleCaseStore(tenantTx).loadVersion(row.versionId);
  const state = definition.states[row.state];
  const names = await caseNames(tenantTx, row.id);
  const events = await tenantTx
    .select({
      seq: caseEvents.seq,
      toState: caseEvents.toState,
      fromState: caseEvents.fromState,
      data: caseEvents.data,
      at: caseEvents.at,
    })
    .from(caseEvents)
    .where(and(eq(caseEvents.tenantId, tenantTx.tenantId), eq(caseEvents.caseId, row.id)))
    .orderBy(asc(caseEvents.seq));
  const rating = state?.transitions.some((t) => t.roles.includes("citizen")) ? state.form : null;
  return {
    trackingCode: row.trackingCode!,
    seq: row.seq,
    title: row.title,
    category: row.category,
    stationName: names.stationName,
    handlingUnitName: names.handlingUnitName,
    stateLabel: state?.label ?? { "zh-CN": row.state },
    closed: row.closedAt !== null,
    satisfaction: row.satisfaction,
    submittedAt: row.createdAt,
    // Each time the case reached a new stage, with the stage's name.
    milestones: events
      .filter((e) => e.fromState !== e.toState)
      .map((e) => ({ at: e.at, label: definition.states[e.toState]?.label ?? { "zh-CN": e.toState } })),
    answers: events.flatMap((e) =>
      PUBLIC_ANSWER_FIELDS.flatMap((key) =>
        typeof e.data[key] === "string" ? [{ at: e.at, text: e.data[key] as string }] : [],
      ),
    ),
    /** The rating form, when the case waits for the citizen's rating. */
    ratingForm: rating,
  };
}
