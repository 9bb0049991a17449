import type { Actor } from "@rdlink/auth";
import {
  auditLog,
  caseEvents,
  cases,
  caseTimers,
  handlingUnits,
  outbox,
  townships,
  workflowVersions,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { canonicalJson, replayEvents, ZWorkflowDefinition } from "@rdlink/workflow";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemClock } from "../clock";
import { ConflictError, ValidationError } from "../shared/errors";
import { memberOf, responderOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { fireDueTimers } from "../worker/fire-due-timers";
import { migrateCases } from "../workflows/migrate-cases";
import { actOnCase } from "./act-on-case";
import { startCase } from "./start-case";

/** Monday 2026-09-28 10:00 in Asia/Shanghai, the week before 国庆. */
const MONDAY_BEFORE_NATIONAL_DAY = new Date("2026-09-28T02:00:00Z");

async function county(t: TestDatabase, divisionCode = "450107") {
  const tenantId = (await onboardTestCounty(t.db, divisionCode)).tenantId;
  const { townshipId, unitId } = await t.db.withTenant(tenantId, async (tx) => {
    const [township] = await tx.select({ id: townships.id }).from(townships).limit(1);
    const [unit] = await tx.insert(handlingUnits).values({ name: "区住建局" }).returning({ id: handlingUnits.id });
    return { townshipId: township!.id, unitId: unit!.id };
  });
  const as = (actor: Actor) => ({ actor, ip: "10.0.0.1", clock: systemClock });
  return {
    tenantId,
    townshipId,
    unitId,
    admin: as(memberOf(tenantId, "county_admin")),
    liaison: as(memberOf(tenantId, "station_liaison", [townshipId])),
    responder: as(responderOf(tenantId, unitId)),
  };
}

type County = Awaited<ReturnType<typeof county>>;

/** Opens a 群众意见 case and takes it to the handling unit's desk at `at`. */
async function caseInHandling(t: TestDatabase, c: County, at: Date) {
  const step = (ctx: County["admin"], event: string, data: Record<string, unknown>, expectedSeq: number) =>
    t.db.withTenant(c.tenantId, (tx) => actOnCase(tx, ctx, { caseId, event, data, expectedSeq }, at));
  const { caseId } = await t.db.withTenant(c.tenantId, (tx) =>
    startCase(
      tx,
      c.liaison,
      { workflowKey: "citizenOpinion", data: { content: "村道路灯不亮" }, townshipId: c.townshipId },
      at,
    ),
  );
  await step(c.liaison, "SUBMIT_REVIEW", { summary: "路灯" }, 1);
  await step(c.liaison, "HAND_OVER", { issueScope: "individual" }, 2);
  await step(c.admin, "ASSIGN", { handlingUnit: c.unitId }, 3);
  await step(c.responder, "ACCEPT", {}, 4);
  return caseId;
}

describe.each(testDrivers())("cases on %s", (driver) => {
  let t: TestDatabase;
  let c: County;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    c = await county(t);
  });
  afterAll(() => t.drop());

  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(c.tenantId, work);

  it("writes each step's case, event, timers and outbox rows together, and replays to the stored snapshot", async () => {
    const caseId = await caseInHandling(t, c, MONDAY_BEFORE_NATIONAL_DAY);
    const [stored] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(stored).toMatchObject({ state: "handling", seq: 5, stateEnteredSeq: 5 });
    const events = await inCounty((tx) =>
      tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq)),
    );
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    const [version] = await inCounty((tx) =>
      tx.select().from(workflowVersions).where(eq(workflowVersions.id, stored!.versionId)),
    );
    const definition = ZWorkflowDefinition.parse(version!.definition);
    expect(canonicalJson(replayEvents(definition, events))).toBe(canonicalJson(stored!.snapshot));
    const messages = await inCounty((tx) => tx.select().from(outbox).where(eq(outbox.caseId, caseId)));
    expect(messages.map((m) => m.payload)).toEqual([{ to: "handlingUnit", template: "case.assigned" }]);
  });

  it("lands a 15-working-day deadline entered before 国庆 on the right date, with 催办 at 80 %", async () => {
    const caseId = await caseInHandling(t, c, MONDAY_BEFORE_NATIONAL_DAY);
    const timers = await inCounty((tx) =>
      tx
        .select()
        .from(caseTimers)
        .where(and(eq(caseTimers.caseId, caseId), eq(caseTimers.stateId, "handling"))),
    );
    const due = Object.fromEntries(timers.map((timer) => [timer.rungId, timer.dueAt.toISOString()]));
    // Counting from 9/29: 9/29, 9/30, (国庆 10/1–10/7 off), 10/8, 10/9, 10/10 (调休), 10/12–16, 10/19–23.
    expect(due).toEqual({ urge: "2026-10-20T16:00:00.000Z", overdue: "2026-10-23T16:00:00.000Z" });
  });

  it("refuses a step out of turn, by the wrong role, or with a bad form, and changes nothing", async () => {
    const caseId = await caseInHandling(t, c, MONDAY_BEFORE_NATIONAL_DAY);
    const act = (ctx: County["admin"], event: string, data: Record<string, unknown>) =>
      inCounty((tx) => actOnCase(tx, ctx, { caseId, event, data, expectedSeq: 5 })).catch((e: unknown) => e);
    expect(await act(c.responder, "ASSIGN", {})).toBeInstanceOf(ValidationError);
    expect(await act(c.liaison, "REPLY", { replyContent: "x" })).toMatchObject({
      formError: "errors.eventNotPermitted",
    });
    expect(await act(c.responder, "REPLY", {})).toMatchObject({ fieldErrors: { replyContent: "validation.required" } });
    const [after] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(after!.seq).toBe(5);
  });

  it("fires a deadline that passed while no worker ran exactly once, and never a cancelled one", async () => {
    const caseId = await caseInHandling(t, c, MONDAY_BEFORE_NATIONAL_DAY);
    const other = await caseInHandling(t, c, MONDAY_BEFORE_NATIONAL_DAY);
    // The other case is answered in time: its handling timers are gone.
    await inCounty((tx) =>
      actOnCase(tx, c.responder, { caseId: other, event: "REPLY", data: { replyContent: "已修复" }, expectedSeq: 5 }),
    );

    const restartedAt = new Date("2026-11-02T00:00:00Z");
    const first = await fireDueTimers(t.db, { now: restartedAt });
    expect(first.failed).toBe(0);
    const again = await fireDueTimers(t.db, { now: restartedAt });
    expect(again).toEqual({ fired: 0, stale: 0, failed: 0, gaveUp: 0, inSavepoints: 0 });

    const events = await inCounty((tx) =>
      tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq)),
    );
    expect(events.filter((e) => e.type === "URGE")).toHaveLength(1);
    expect(events.filter((e) => e.type === "OVERDUE")).toHaveLength(1);
    const [stored] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(stored!.state).toBe("supervised");
    const otherEvents = await inCounty((tx) => tx.select().from(caseEvents).where(eq(caseEvents.caseId, other)));
    expect(otherEvents.some((e) => e.type === "URGE" || e.type === "OVERDUE")).toBe(false);
  });

  it("never fires a timer twice with two workers at once", async () => {
    const ids = await Promise.all([0, 1, 2, 3, 4].map(() => caseInHandling(t, c, MONDAY_BEFORE_NATIONAL_DAY)));
    const now = new Date("2026-10-21T00:00:00Z"); // past 催办, before 逾期
    const [one, two] = await Promise.all([
      fireDueTimers(t.db, { now, batchSize: 3 }),
      fireDueTimers(t.db, { now, batchSize: 3 }),
    ]);
    const third = await fireDueTimers(t.db, { now });
    expect(one.failed + two.failed + third.failed).toBe(0);
    for (const caseId of ids) {
      const urges = await inCounty((tx) =>
        tx
          .select()
          .from(caseEvents)
          .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, "URGE"))),
      );
      expect(urges, caseId).toHaveLength(1);
    }
  });

  it("migrates running cases to a new version by an explicit mapping, after a dry run", async () => {
    const mc = await county(t, "450103");
    const [workflow] = await t.db.withTenant(mc.tenantId, (tx) => tx.select().from(workflowVersions));
    const caseId = await caseInHandling(t, mc, MONDAY_BEFORE_NATIONAL_DAY);
    // Version 2: "handling" is renamed "inProgress".
    const v1 = ZWorkflowDefinition.parse(workflow!.definition);
    const v2 = structuredClone(v1);
    v2.states.inProgress = v2.states.handling!;
    delete v2.states.handling;
    for (const state of Object.values(v2.states)) {
      for (const transition of state.transitions)
        if (transition.target === "handling") transition.target = "inProgress";
    }
    const { publishVersion } = await import("../workflows/publish-version");
    const published = await t.db.withTenant(mc.tenantId, (tx) =>
      publishVersion(tx, { workflowId: workflow!.workflowId, definition: v2, userId: null, now: new Date() }),
    );
    expect(published.version.version).toBe(2);
    const same = await t.db.withTenant(mc.tenantId, (tx) =>
      publishVersion(tx, { workflowId: workflow!.workflowId, definition: v2, userId: null, now: new Date() }),
    );
    expect(same).toMatchObject({ created: false, version: { version: 2 } });

    const migrate = (stateMap: Record<string, string>, dryRun: boolean) =>
      t.db.withTenant(mc.tenantId, (tx) =>
        migrateCases(tx, mc.admin, {
          workflowId: workflow!.workflowId,
          fromVersion: 1,
          toVersion: 2,
          stateMap,
          dryRun,
        }),
      );
    const refused = await migrate({ registered: "registered" }, true).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ "stateMap.handling": "validation.unmappedState" });
    const wrongTarget = await migrate({ handling: "handling" }, false).catch((e: unknown) => e);
    expect((wrongTarget as ValidationError).fieldErrors).toEqual({ "stateMap.handling": "validation.unknownState" });

    expect(await migrate({ handling: "inProgress" }, true)).toEqual({
      dryRun: true,
      plan: [{ state: "handling", count: 1, target: "inProgress" }],
      migrated: 0,
      // Every running case, where it is and where it would go.
      cases: [{ id: caseId, title: null, trackingCode: null, state: "handling", target: "inProgress" }],
    });
    const [unchanged] = await t.db.withTenant(mc.tenantId, (tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(unchanged!.versionId).toBe(workflow!.id);
    // A case opened now starts on the latest version, while the running one stays on its own.
    const fresh = await t.db.withTenant(mc.tenantId, (tx) =>
      startCase(tx, mc.liaison, {
        workflowKey: "citizenOpinion",
        data: { content: "新案件" },
        townshipId: mc.townshipId,
      }),
    );
    const [freshRow] = await t.db.withTenant(mc.tenantId, (tx) =>
      tx.select().from(cases).where(eq(cases.id, fresh.caseId)),
    );
    expect(freshRow!.versionId).toBe(published.version.id);

    expect(await migrate({ handling: "inProgress" }, false)).toMatchObject({ migrated: 1 });
    const [moved] = await t.db.withTenant(mc.tenantId, (tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(moved).toMatchObject({ versionId: published.version.id, state: "inProgress", seq: 6 });
    const events = await t.db.withTenant(mc.tenantId, (tx) =>
      tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq)),
    );
    expect(events.at(-1)).toMatchObject({ type: "VERSION_MIGRATED", fromState: "handling", toState: "inProgress" });
    expect(canonicalJson(replayEvents(v1, events, { [published.version.id]: v2 }))).toBe(
      canonicalJson(moved!.snapshot),
    );
    const timers = await t.db.withTenant(mc.tenantId, (tx) =>
      tx.select().from(caseTimers).where(eq(caseTimers.caseId, caseId)),
    );
    expect(timers.map((x) => x.stateId)).toEqual(["inProgress", "inProgress"]);
    const audit = await t.db.withTenant(mc.tenantId, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "workflow.cases_migrated")),
    );
    expect(audit).toHaveLength(1);
    // The new version's cases can go on.
    await t.db.withTenant(mc.tenantId, (tx) =>
      actOnCase(tx, mc.responder, { caseId, event: "REPLY", data: { replyContent: "已办" }, expectedSeq: 6 }),
    );
  });
});

// Fifty clients at once need a real server (PGlite runs one query at a time).
describe.each(testDrivers().filter((d) => d === "postgres"))("concurrent steps on %s", (driver) => {
  let t: TestDatabase;
  let c: County;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
    c = await county(t);
  });
  afterAll(() => t.drop());

  it("lets exactly one of 50 concurrent steps with the same expectedSeq through", async () => {
    expect(inject("pgAdminUrl")).toBeTruthy();
    const caseId = await caseInHandling(t, c, new Date());
    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        t.db.withTenant(c.tenantId, (tx) =>
          actOnCase(tx, c.responder, { caseId, event: "REPLY", data: { replyContent: `答复 ${i}` }, expectedSeq: 5 }),
        ),
      ),
    );
    const won = attempts.filter((a) => a.status === "fulfilled");
    const lost = attempts.filter((a) => a.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const loss of lost) {
      expect(loss.reason).toBeInstanceOf(ConflictError);
      expect((loss.reason as ConflictError).values).toMatchObject({ currentSeq: "6", state: "replied" });
    }
    const events = await t.db.withTenant(c.tenantId, (tx) =>
      tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq)),
    );
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.filter((e) => e.type === "REPLY")).toHaveLength(1);
    const [stored] = await t.db.withTenant(c.tenantId, (tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(stored).toMatchObject({ seq: 6, state: "replied" });
  });
});
