import { caseEvents, cases, caseTimers, outbox } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCase } from "../cases/start-case";
import { ManualClock, systemClock } from "../clock";
import { memberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { MAX_ATTEMPTS } from "./backoff";
import { deliverOutbox } from "./deliver-outbox";
import { fireDueTimers } from "./fire-due-timers";
import type { OutboxAdapter } from "./outbox-adapters";
import { runWorkerRound } from "./start-worker";

describe.each(testDrivers())("the worker on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
  });
  afterAll(() => t.drop());

  const liaison = () => ({ actor: memberOf(tenantId, "station_liaison"), ip: null, clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  it("fires, after a restart, what fell due while it was stopped, exactly once", async () => {
    const opened = new Date("2026-11-02T01:00:00Z");
    const { caseId } = await inCounty((tx) =>
      startCase(tx, liaison(), { workflowKey: "citizenOpinion", data: { content: "x" } }, opened),
    );
    const [timer] = await inCounty((tx) => tx.select().from(caseTimers).where(eq(caseTimers.caseId, caseId)));
    // Opened on a Monday: counted from Tuesday, 2 working days end with Wednesday.
    expect(timer!.dueAt.toISOString()).toBe("2026-11-04T16:00:00.000Z");

    // The clock is past the deadline before the worker ever runs; it runs twice in a row.
    const later = new Date("2026-11-10T00:00:00Z");
    expect(await runWorkerRound(t.db, later)).toMatchObject({ fired: 1, delivered: 1 });
    expect(await runWorkerRound(t.db, later)).toMatchObject({ fired: 0, stale: 0, delivered: 0 });
    const events = await inCounty((tx) => tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)));
    expect(events.filter((e) => e.type === "DEADLINE_REACHED")).toHaveLength(1);
    expect(await inCounty((tx) => tx.select().from(caseTimers).where(eq(caseTimers.caseId, caseId)))).toEqual([]);
    // The rung's notification was queued and delivered by the default (log) channel.
    const messages = await inCounty((tx) => tx.select().from(outbox).where(eq(outbox.caseId, caseId)));
    expect(messages).toEqual([expect.objectContaining({ status: "delivered", deliveredVia: "log", kind: "notify" })]);
  });

  it("retries a failing channel with backoff, then gives up and flags the case as an incident", async () => {
    const { caseId } = await inCounty((tx) =>
      startCase(tx, liaison(), { workflowKey: "citizenOpinion", data: { content: "y" } }),
    );
    const [anyCase] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    await inCounty((tx) =>
      tx.insert(outbox).values({ caseId, seq: anyCase!.seq, actionIndex: 7, kind: "notify", payload: { to: "x" } }),
    );
    const broken: OutboxAdapter = {
      name: "sms",
      async deliver() {
        throw new Error("gateway timeout");
      },
    };
    let now = Date.now();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverOutbox(t.db, broken, { now: new Date(now) });
      expect(report.delivered).toBe(0);
      // Not due again before its backoff has passed.
      expect(await deliverOutbox(t.db, broken, { now: new Date(now + 1000) })).toEqual({
        delivered: 0,
        retried: 0,
        failed: 0,
      });
      now += 30_000 * 2 ** attempt;
    }
    const [message] = await inCounty((tx) => tx.select().from(outbox).where(eq(outbox.caseId, caseId)));
    expect(message).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastError: "gateway timeout" });
    const [flagged] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(flagged).toMatchObject({ incident: true, state: "registered" });
  });

  it("backs a failing timer off like the outbox, then gives up and flags its case as an incident", async () => {
    const opened = new Date("2026-11-02T01:00:00Z");
    const { caseId } = await inCounty((tx) =>
      startCase(tx, liaison(), { workflowKey: "citizenOpinion", data: { content: "z" } }, opened),
    );
    // A case in a state its version does not have (a repair by hand gone wrong): its deadline cannot fire.
    await inCounty(async (tx) => {
      await tx.update(cases).set({ state: "nowhere" }).where(eq(cases.id, caseId));
      await tx.update(caseTimers).set({ stateId: "nowhere" }).where(eq(caseTimers.caseId, caseId));
    });
    const timerOfCase = async () =>
      (await inCounty((tx) => tx.select().from(caseTimers).where(eq(caseTimers.caseId, caseId))))[0]!;
    const clock = new ManualClock((await timerOfCase()).dueAt);
    const errors: unknown[] = [];
    const fire = () => fireDueTimers(t.db, { now: clock.now(), onError: (error) => errors.push(error) });

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await fire()).toMatchObject({ failed: 1, gaveUp: attempt === MAX_ATTEMPTS ? 1 : 0 });
      const timer = await timerOfCase();
      expect(timer).toMatchObject({ attempts: attempt, lastError: expect.stringContaining("nowhere") });
      if (attempt === MAX_ATTEMPTS) break;
      // Not tried again before its backoff has passed: 30 s, then twice as long each time.
      const backoff = 30_000 * 2 ** (attempt - 1);
      expect(timer.nextAttemptAt).toEqual(new Date(clock.now().getTime() + backoff));
      clock.advance(backoff - 1000);
      expect(await fire()).toMatchObject({ failed: 0 });
      clock.advance(1000);
    }
    expect(errors).toHaveLength(MAX_ATTEMPTS);
    expect((await timerOfCase()).failedAt).toEqual(clock.now());
    const [flagged] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(flagged).toMatchObject({ incident: true, state: "nowhere" });
    // Given up: left alone from then on, however long the worker runs.
    clock.advance(30 * 86_400_000);
    expect(await fire()).toMatchObject({ failed: 0 });
    expect(errors).toHaveLength(MAX_ATTEMPTS);
  });

  it("fires a batch in one transaction; a firing the database refuses is isolated by firing the batch again in savepoints", async () => {
    const opened = new Date("2026-12-01T01:00:00Z");
    const open = () =>
      inCounty((tx) => startCase(tx, liaison(), { workflowKey: "citizenOpinion", data: { content: "w" } }, opened));
    const [first, broken, lost, last] = [await open(), await open(), await open(), await open()];
    // And one its workflow refuses in Node (a state its version lacks): its failure is told once,
    // though the batch is fired twice (together, then in savepoints).
    await inCounty(async (tx) => {
      await tx.update(cases).set({ state: "nowhere" }).where(eq(cases.id, lost.caseId));
      await tx.update(caseTimers).set({ stateId: "nowhere" }).where(eq(caseTimers.caseId, lost.caseId));
    });
    // The event the broken case's deadline would record is there already (a repair by hand gone
    // wrong): the database refuses the step's statement, which aborts the batch's transaction.
    await inCounty((tx) =>
      tx.insert(caseEvents).values({
        caseId: broken.caseId,
        seq: broken.seq + 1,
        type: "NOTE",
        fromState: broken.state,
        toState: broken.state,
        actorRole: "county_admin",
        data: {},
        at: opened,
      }),
    );
    const errors: unknown[] = [];
    const report = await fireDueTimers(t.db, { now: new Date("2026-12-20T00:00:00Z"), onError: (e) => errors.push(e) });

    expect(report).toMatchObject({ failed: 2, gaveUp: 0, inSavepoints: 1 });
    expect(report.fired).toBeGreaterThanOrEqual(2);
    expect(errors).toHaveLength(2);
    const [lostTimer] = await inCounty((tx) => tx.select().from(caseTimers).where(eq(caseTimers.caseId, lost.caseId)));
    expect(lostTimer).toMatchObject({ attempts: 1, lastError: expect.stringContaining("nowhere") });
    const eventsOf = async (caseId: string) =>
      (await inCounty((tx) => tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)))).map((e) => e.type);
    // The others' deadlines fired once each; the broken one's left nothing but its failure.
    for (const ok of [first, last]) {
      expect((await eventsOf(ok.caseId)).sort()).toEqual(["CASE_STARTED", "DEADLINE_REACHED"]);
      expect(await inCounty((tx) => tx.select().from(caseTimers).where(eq(caseTimers.caseId, ok.caseId)))).toEqual([]);
    }
    expect((await eventsOf(broken.caseId)).sort()).toEqual(["CASE_STARTED", "NOTE"]);
    const [timer] = await inCounty((tx) => tx.select().from(caseTimers).where(eq(caseTimers.caseId, broken.caseId)));
    expect(timer).toMatchObject({ attempts: 1, failedAt: null });
    // The step's statement was refused, and its failure kept with the timer.
    expect(timer!.lastError).toMatch(/^Failed query: with "updated"/);
  });

  it("fires a batch's cases side by side and one case's timers one after another, each exactly once", async () => {
    const opened = new Date("2027-01-04T01:00:00Z");
    const open = () =>
      inCounty((tx) => startCase(tx, liaison(), { workflowKey: "citizenOpinion", data: { content: "w" } }, opened));
    const started = [await open(), await open(), await open(), await open()];
    const twice = started[1]!;
    // A second timer on one case, due with its first: the second must see what the first did.
    await inCounty(async (tx) => {
      const timers = await tx.select().from(caseTimers).where(eq(caseTimers.caseId, twice.caseId));
      await tx.insert(caseTimers).values(timers.map((timer) => ({ ...timer, id: `${timer.id}:again` })));
    });
    // The failing timers of the test above are out of the way (given up), or they would fail again here.
    await inCounty((tx) => tx.update(caseTimers).set({ failedAt: opened }).where(isNotNull(caseTimers.lastError)));
    const timersBefore = await inCounty((tx) => tx.select().from(caseTimers));
    const due = new Date("2027-02-20T00:00:00Z");
    const dueOfOurs = timersBefore.filter(
      (timer) => started.some((s) => s.caseId === timer.caseId) && timer.dueAt <= due,
    ).length;

    const report = await fireDueTimers(t.db, { now: due });

    // Nothing was refused, so the batch was never fired again in savepoints (it would be if one
    // case's timers were fired side by side: the second's statement would expect a stale seq).
    expect(report).toMatchObject({ failed: 0, inSavepoints: 0 });
    expect(report.fired + report.stale).toBeGreaterThanOrEqual(dueOfOurs);
    for (const { caseId } of started) {
      const events = await inCounty((tx) => tx.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)));
      const [kase] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
      // The case's log has no gap and no double: one event per seq, up to the case's own.
      const seqs = events.map((e) => e.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      expect(kase!.seq).toBe(seqs.at(-1));
      expect(events.filter((e) => e.type === "DEADLINE_REACHED").length).toBeGreaterThanOrEqual(1);
      const left = await inCounty((tx) => tx.select().from(caseTimers).where(eq(caseTimers.caseId, caseId)));
      expect(left.filter((timer) => timer.dueAt <= due)).toEqual([]);
    }
  });
});
