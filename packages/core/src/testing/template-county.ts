import type { Actor } from "@rdlink/auth";
import { caseEvents, cases, type DriverName, deputies, deputyStations, handlingUnits, workflows } from "@rdlink/db";
import { createTestDatabase, type TestDatabase } from "@rdlink/db/testing";
import { type TWorkflowKind, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { eq, inArray } from "drizzle-orm";
import { expect } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { getCase } from "../cases/get-case";
import { ManualClock } from "../clock";
import { getCountyFigures } from "../stats/get-county-figures";
import { runWorkerRound } from "../worker/start-worker";
import { memberOf, realMemberOf } from "./actors";
import { caseSteps } from "./case-steps";
import { addTestStation, onboardTestCounty } from "./counties";

export const DAY = 86_400_000;
/** Every template's states, as shipped: each test must pass through all of its template's. */
export const statesOf = (key: string) =>
  Object.keys(Object.values(WORKFLOW_TEMPLATES).find((template) => template.key === key)!.states).sort();

/**
 * A county that runs the shipped templates end to end (templates-*.integration.test.ts): one
 * station with its liaison, a township operator, a deputy, a handling unit, a clock the tests
 * move, and the steps they take. Every step checks the case page's desk of every case that moved.
 */
export function templateCounty(driver: DriverName) {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  let stationId: string;
  let unitId: string;
  let admin: Actor;
  let liaison: Actor;
  let operator: Actor;
  let deputy: Actor;
  let deputyId: string;
  const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
  const { ctx, inCounty, row, stepAt } = caseSteps(
    () => t.db,
    () => tenantId,
    clock,
  );
  const later = (days: number) => clock.advance(days * DAY);
  /** The worker's round at the clock's time: due deadlines fire, their messages go out. */
  const worker = async () => {
    await runWorkerRound(t.db, clock.now(), { housekeeping: false });
    await checkDesks();
  };
  /**
   * The case page's desk in every state a case reaches: after each step, each worker round and
   * each 整合, every case that moved is opened as the county admin, and a case not in a final
   * state must name its holder and a next step. Which states were seen, by kind, is kept.
   */
  const deskSeen = new Map<string, Set<string>>();
  const lastSeq = new Map<string, number>();
  const checkDesks = async () => {
    const all = await inCounty((tx) => tx.select({ id: cases.id, seq: cases.seq, kind: cases.kind }).from(cases));
    for (const c of all.filter((c) => lastSeq.get(c.id) !== c.seq)) {
      lastSeq.set(c.id, c.seq);
      const page = await inCounty((tx) => getCase(tx, ctx(admin), c.id, clock.now()));
      const where = `${c.kind} · ${page.case.state}`;
      if (!deskSeen.has(c.kind)) deskSeen.set(c.kind, new Set());
      deskSeen.get(c.kind)!.add(page.case.state);
      if (page.case.status === "done" && page.desk.holder === null) continue;
      expect(page.desk.holder?.role, where).toBeTruthy();
      expect(page.desk.next.length, where).toBeGreaterThan(0);
      for (const step of page.desk.next) expect(step.label["zh-CN"], where).toBeTruthy();
    }
  };
  const act = async (actor: Actor, caseId: string, event: string, data: Record<string, unknown> = {}) => {
    await checkDesks();
    const { seq } = await row(caseId);
    await stepAt(actor, caseId, event, data, seq);
    await checkDesks();
  };
  const visited = async (caseIds: string[]) => {
    const events = await inCounty((tx) =>
      tx.select({ state: caseEvents.toState }).from(caseEvents).where(inArray(caseEvents.caseId, caseIds)),
    );
    return [...new Set(events.map((e) => e.state))].sort();
  };
  const figures = async () => {
    const all = await inCounty((tx) =>
      getCountyFigures(tx, ctx(admin), { from: "2026-01-01", to: "2028-12-31" }, clock.now()),
    );
    const process = (kind: TWorkflowKind) =>
      all.processes.find((p) => p.kind === kind) ?? { kind, received: 0, open: 0, closed: 0 };
    return { total: all.total, process };
  };
  const workflowOf = async (key: string) =>
    (await inCounty((tx) => tx.select({ id: workflows.id }).from(workflows).where(eq(workflows.key, key))))[0]!.id;

  const setUp = async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = county.admin;
    ({ townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "E2E5T7")));
    liaison = await realMemberOf(t.db, tenantId, "station_liaison", [townshipId]);
    operator = memberOf(tenantId, "township_operator", [townshipId]);
    deputy = await realMemberOf(t.db, tenantId, "deputy");
    await inCounty(async (tx) => {
      const [unit] = await tx.insert(handlingUnits).values({ name: "区住建局" }).returning({ id: handlingUnits.id });
      unitId = unit!.id;
      const [person] = await tx
        .insert(deputies)
        .values({ name: "韦建国", level: "county", townshipId, userId: deputy.userId })
        .returning({ id: deputies.id });
      deputyId = person!.id;
      await tx.insert(deputyStations).values({ deputyId, stationId });
    });
    return { t, tenantId, townshipId, stationId, unitId, admin, liaison, operator, deputy, deputyId };
  };
  return { setUp, clock, ctx, inCounty, later, worker, row, deskSeen, checkDesks, act, visited, figures, workflowOf };
}

/** Which test file runs which shipped template end to end: together, every one of them. */
export const TEMPLATE_RUNS = {
  citizensAndDeputies: ["citizenOpinion", "deputySuggestion"],
  stationsAndLetters: ["draftLawConsultation", "disputeMediation", "letterVisit"],
} as const;

/**
 * Each template of `run` was seen on the case page, with a holder and a next step, in every state a
 * case can wait in; and the runs together cover every shipped template (a new one needs its test).
 */
export function expectDesksInEveryState(deskSeen: Map<string, Set<string>>, run: keyof typeof TEMPLATE_RUNS) {
  const shipped = Object.values(WORKFLOW_TEMPLATES);
  expect(Object.values(TEMPLATE_RUNS).flat().sort(), "every shipped template is run").toEqual(
    shipped.map((template) => template.key).sort(),
  );
  const keys: readonly string[] = TEMPLATE_RUNS[run];
  for (const template of shipped.filter((template) => keys.includes(template.key))) {
    const kind = template.kind ?? "custom";
    const open = Object.entries(template.states)
      .filter(([, state]) => state.kind !== "final")
      .map(([id]) => id);
    expect([...(deskSeen.get(kind) ?? [])], template.key).toEqual(expect.arrayContaining(open));
  }
}
