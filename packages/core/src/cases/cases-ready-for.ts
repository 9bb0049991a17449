import type { Actor } from "@rdlink/auth";
import type { cases, TenantTx } from "@rdlink/db";
import { NotFoundError, ValidationError } from "../shared/errors";
import { actingAs } from "./acting-as";
import { type Capability, eventWith } from "./capabilities";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { loadCaseInScope } from "./load-case-in-scope";

export type ReadyCase = typeof cases.$inferSelect & {
  /** The event of the case's own workflow that does it, and the capability's parameters. */
  step: { event: string; params: Record<string, unknown> };
};

/**
 * For steps on several cases at once (bulk 交办, 整合): every selected case, each within the
 * actor's reach and at a state where one of the actor's roles may send an event that carries
 * `capability` (each case's workflow names that event as its county drew it). Otherwise a
 * ValidationError naming each case that is not (`caseIds.<id>`), before anything is written.
 */
export async function casesReadyFor(
  tx: TenantTx,
  actor: Actor,
  caseIds: string[],
  capability: Capability,
  messages: { refused: string; notReady: string },
): Promise<ReadyCase[]> {
  const roles = actingAs(actor);
  const store = new DrizzleCaseStore(tx);
  const ready: ReadyCase[] = [];
  const refused: Record<string, string> = {};
  for (const caseId of new Set(caseIds)) {
    const row = await loadCaseInScope(tx, actor, caseId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    const state = row ? (await store.loadVersion(row.versionId)).definition.states[row.state] : undefined;
    const step = eventWith(state, capability, roles);
    if (row && step) ready.push({ ...row, step });
    else refused[`caseIds.${caseId}`] = messages.notReady;
  }
  if (Object.keys(refused).length > 0) throw new ValidationError(refused, messages.refused);
  return ready;
}
