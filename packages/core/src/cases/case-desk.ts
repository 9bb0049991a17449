import { type cases, type TenantTx, users } from "@rdlink/db";
import type { TLocalizedText } from "@rdlink/forms";
import { mayBeSentBy, type TActingAs, type TState, type TWorkflowDefinition } from "@rdlink/workflow";
import { inArray } from "drizzle-orm";
import { notificationRecipients } from "../notifications/notification-recipients";
import { capabilityOf } from "./capabilities";

/**
 * Who holds a case now and what is expected of them, read from the definition (the current
 * state's assignee and the transitions it offers), never from a state's or event's name.
 *
 * - `role`: the assignee's role (`team` for a team's desk, `citizen` for the submitter), or, in
 *   a state without an assignee, the first role that may move it on (`system` when only its
 *   deadline can).
 * - `place`: the name the county gave the desk's reach (the station, township, handling unit or
 *   team); `people`: the names of the accounts on that desk now (none for the citizen).
 */
export type TCaseHolder = {
  role: string;
  scope: string | null;
  place: string | null;
  people: string[];
};

/** A step expected next: its label, where it leads, and who may take it. */
export type TExpectedStep = { event: string; label: TLocalizedText; to: TLocalizedText; by: TActingAs[] };

/**
 * The steps expected of the state's holder: the transitions the assignee (role or team) may
 * send that move the case on, in the order the county drew them; a state nobody is assigned
 * to expects whoever may move it on (people before the deadline's `system`). Staying in the
 * state (催办, naming co-handling units) is expected only when nothing moves it on, and 整合
 * (several cases at once) is never a single case's next step.
 */
export function expectedSteps(definition: TWorkflowDefinition, stateId: string): TExpectedStep[] {
  const state = definition.states[stateId];
  if (!state || state.kind === "final") return [];
  const offered = state.transitions.filter((t) => !t.auto && capabilityOf(t, "mergeIntoCase") === undefined);
  const holder = holderIdentity(state);
  const byHolder = holder ? offered.filter((t) => mayBeSentBy(t).includes(holder)) : [];
  const byPeople = offered.filter((t) => mayBeSentBy(t).some((who) => who !== "system"));
  const pool = [byHolder, byPeople, offered].find((list) => list.length > 0) ?? [];
  const moving = pool.filter((t) => t.target !== stateId);
  const chosen = moving.length > 0 ? moving : pool;
  const steps = new Map<string, TExpectedStep>();
  for (const t of chosen) {
    if (steps.has(t.event)) continue;
    const to = definition.states[t.target]?.label ?? { "zh-CN": t.target };
    steps.set(t.event, { event: t.event, label: t.label, to, by: mayBeSentBy(t) });
  }
  return [...steps.values()];
}

/** The identity a state's desk acts as: its assignee's role or team; none without an assignee. */
function holderIdentity(state: TState): TActingAs | null {
  if (!state.assignee) return null;
  if (state.assignee.role === "team") return state.assignee.team ? `team:${state.assignee.team}` : null;
  return state.assignee.role;
}

type DeskRow = Pick<
  typeof cases.$inferSelect,
  | "state"
  | "townshipId"
  | "stationId"
  | "handlingUnitId"
  | "coHandlingUnitIds"
  | "assigneeRole"
  | "assigneeScope"
  | "assigneeTeam"
  | "deputyIds"
>;

/** The case's holder by the names the county gave, and the steps expected of it; null holder once final. */
export async function caseDesk(
  tx: TenantTx,
  row: DeskRow,
  definition: TWorkflowDefinition,
  names: { stationName: string | null; townshipName: string | null; handlingUnitName: string | null },
  teamNames: ReadonlyMap<string, string>,
): Promise<{ holder: TCaseHolder | null; next: TExpectedStep[] }> {
  const state = definition.states[row.state];
  if (!state || state.kind === "final") return { holder: null, next: [] };
  const next = expectedSteps(definition, row.state);
  if (!state.assignee) {
    const by = next.flatMap((s) => s.by);
    const role = by.find((who) => who !== "system") ?? by[0] ?? "system";
    return { holder: { role, scope: null, place: null, people: [] }, next };
  }
  const { role, scope, team } = state.assignee;
  const place =
    role === "team"
      ? (teamNames.get(team ?? "") ?? null)
      : scope === "station"
        ? names.stationName
        : scope === "township"
          ? names.townshipName
          : scope === "handlingUnit"
            ? names.handlingUnitName
            : null;
  const ids = await notificationRecipients(tx, "assignee", row);
  const people =
    ids.length === 0
      ? []
      : (await tx.select({ name: users.displayName }).from(users).where(inArray(users.id, ids)))
          .map((u) => u.name)
          .sort((a, b) => a.localeCompare(b, "zh-CN"));
  return { holder: { role, scope, place, people }, next };
}
