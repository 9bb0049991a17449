import type { AppTx } from "@rdlink/db";
import { NotFoundError } from "../shared/errors";
import { findTrackedCase } from "./find-tracked-case";
import { trackCase } from "./track-case";
import { parseTrackingCode } from "./tracking-code";

/**
 * A case as another system sees it by tracking code: what the citizen's tracking page
 * shows (no names, no phone numbers, no internal notes) plus the state's key. Only the
 * calling key's own county: another county's code is not found.
 */
export async function trackCaseByApi(tx: AppTx, divisionCode: string, code: unknown) {
  const parsed = typeof code === "string" ? parseTrackingCode(code) : null;
  if (!parsed || parsed.divisionCode !== divisionCode) throw new NotFoundError();
  const { row } = await findTrackedCase(tx, parsed.code);
  const tracked = await trackCase(tx, parsed.code);
  return {
    trackingCode: tracked.trackingCode,
    state: row.state,
    stateLabel: tracked.stateLabel["zh-CN"] ?? row.state,
    closed: tracked.closed,
    category: tracked.category,
    stationName: tracked.stationName,
    handlingUnitName: tracked.handlingUnitName,
    satisfaction: tracked.satisfaction,
    submittedAt: tracked.submittedAt.toISOString(),
    milestones: tracked.milestones.map((m) => ({ at: m.at.toISOString(), label: m.label["zh-CN"] ?? "" })),
    answers: tracked.answers.map((a) => ({ at: a.at.toISOString(), text: a.text })),
  };
}
