import { describe, expect, it } from "vitest";
import { calendarFromDays, defaultCalendarDays } from "../calendar";
import { ZWorkflowDefinition } from "../definition/definition-schema";
import { citizenOpinion, letterVisit } from "../templates";
import { applyEvent, fireTimer, replayEvents, startCase } from "./case-runtime";
import type { WorkflowError } from "./errors";
import { MemoryCaseStore } from "./memory-case-store";

const definition = ZWorkflowDefinition.parse(citizenOpinion);
const UNIT = "7d1a3b8e-2f6c-4a5b-9c0d-1e2f3a4b5c6d";
const liaison = { userId: "u-liaison", roles: ["station_liaison"] as const };
const admin = { userId: "u-admin", roles: ["county_admin"] as const };
const responder = { userId: "u-unit", roles: ["handling_unit_responder"] as const };
const citizen = { userId: null, roles: ["citizen"] as const };

async function opened(now = new Date("2026-09-28T02:00:00Z")) {
  const store = new MemoryCaseStore(calendarFromDays(defaultCalendarDays(2026)));
  store.addVersion("v1", definition);
  await startCase(store, { caseId: "c1", versionId: "v1", data: { content: "路灯不亮" }, actor: citizen, now });
  let clock = now.getTime();
  const seq = () => store.cases.get("c1")!.seq;
  const send = async (
    type: string,
    actor: { userId: string | null; roles: readonly string[] },
    data = {},
    key?: string,
  ) => {
    clock += 60_000;
    return applyEvent(
      store,
      "c1",
      { type, data },
      {
        expectedSeq: seq(),
        actor: actor as never,
        now: new Date(clock),
        idempotencyKey: key,
      },
    );
  };
  return { store, send, seq };
}

/** Up to the handling unit's desk. */
async function toHandling() {
  const c = await opened();
  await c.send("SUBMIT_REVIEW", liaison, { summary: "路灯不亮" });
  await c.send("HAND_OVER", liaison, { issueScope: "individual" });
  await c.send("ASSIGN", admin, { handlingUnit: UNIT });
  await c.send("ACCEPT", responder);
  return c;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: WorkflowError) => e,
  );

describe("the case runtime", () => {
  it("walks a case to its handling unit, recording every step", async () => {
    const { store } = await toHandling();
    const stored = store.cases.get("c1")!;
    expect(stored.state).toBe("handling");
    expect(stored.snapshot.context.handlingUnitId).toBe(UNIT);
    expect(stored.snapshot.context.dates.assignedAt).toBeDefined();
    expect(store.eventsOf("c1").map((e) => `${e.fromState}→${e.toState}`)).toEqual([
      "null→registered",
      "registered→stationReview",
      "stationReview→assignment",
      "assignment→acceptance",
      "acceptance→handling",
    ]);
    expect(store.outbox).toEqual([
      expect.objectContaining({ kind: "notify", payload: { to: "handlingUnit", template: "case.assigned" } }),
    ]);
  });

  it("refuses an event the state does not have, a role that may not send it, and bad form data, changing nothing", async () => {
    const c = await opened();
    expect(await refusal(c.send("ASSIGN", admin, { handlingUnit: UNIT }))).toMatchObject({ code: "eventNotAvailable" });
    expect(await refusal(c.send("SUBMIT_REVIEW", responder, { summary: "x" }))).toMatchObject({
      code: "eventNotPermitted",
    });
    expect(await refusal(c.send("SUBMIT_REVIEW", liaison, {}))).toMatchObject({
      code: "invalidData",
      details: { fieldErrors: { summary: "validation.required" } },
    });
    // A guard that does not hold: a common issue cannot be handed over on the spot.
    await c.send("SUBMIT_REVIEW", liaison, { summary: "x" });
    expect(await refusal(c.send("HAND_OVER", liaison, { issueScope: "common" }))).toMatchObject({
      code: "eventNotAvailable",
    });
    expect(c.store.eventsOf("c1")).toHaveLength(2);
    expect(c.store.cases.get("c1")!.state).toBe("stationReview");
  });

  it("answers a stale seq with a conflict that tells the current seq and state", async () => {
    const c = await opened();
    await c.send("SUBMIT_REVIEW", liaison, { summary: "x" });
    const stale = await refusal(
      applyEvent(
        c.store,
        "c1",
        { type: "HAND_OVER", data: { issueScope: "individual" } },
        { expectedSeq: 1, actor: liaison, now: new Date() },
      ),
    );
    expect(stale).toMatchObject({ code: "seqConflict", details: { currentSeq: 2, state: "stationReview" } });
  });

  it("answers a repeated idempotency key with the first result and no second event", async () => {
    const c = await opened();
    const first = await c.send("SUBMIT_REVIEW", liaison, { summary: "x" }, "key-1");
    const again = await applyEvent(
      c.store,
      "c1",
      { type: "SUBMIT_REVIEW", data: { summary: "x" } },
      {
        expectedSeq: 1,
        idempotencyKey: "key-1",
        actor: liaison,
        now: new Date(),
      },
    );
    expect(again).toMatchObject({ seq: first.seq, state: "stationReview", replayed: true });
    expect(c.store.eventsOf("c1")).toHaveLength(2);
    const misuse = await refusal(
      applyEvent(
        c.store,
        "c1",
        { type: "ESCALATE", data: {} },
        { expectedSeq: 2, idempotencyKey: "key-1", actor: liaison, now: new Date() },
      ),
    );
    expect(misuse).toMatchObject({ code: "idempotencyConflict" });
  });

  it("sets the handling deadline with 催办 at 80 % and cancels it when the state is left", async () => {
    const c = await toHandling();
    const timers = [...c.store.timers.values()].filter((t) => t.stateId === "handling");
    expect(timers.map((t) => t.rungId).sort()).toEqual(["overdue", "urge"]);
    const entrySeq = c.seq();
    expect(timers[0]!.id).toContain(`handling@${entrySeq}`);
    await c.send("REPLY", responder, { replyContent: "已修复" });
    expect([...c.store.timers.values()].filter((t) => t.stateId === "handling")).toEqual([]);
  });

  it("fires a due rung through applyEvent once, and treats a timer of a state already left as a no-op", async () => {
    const c = await toHandling();
    const urge = [...c.store.timers.values()].find((t) => t.rungId === "urge")!;
    const fired = await fireTimer(c.store, urge.id, urge.dueAt);
    expect(fired).toMatchObject({ fired: true, result: { state: "handling" } });
    expect(await fireTimer(c.store, urge.id, urge.dueAt)).toMatchObject({ fired: false, reason: "gone" });
    expect(c.store.eventsOf("c1").filter((e) => e.type === "URGE")).toHaveLength(1);

    const overdue = [...c.store.timers.values()].find((t) => t.rungId === "overdue")!;
    const snapshotBefore = structuredClone(overdue);
    await c.send("REPLY", responder, { replyContent: "已修复" }); // leaves handling
    c.store.timers.set(snapshotBefore.id, snapshotBefore); // as if a worker still held it
    expect(await fireTimer(c.store, snapshotBefore.id, snapshotBefore.dueAt)).toMatchObject({
      fired: false,
      reason: "stale",
    });
    expect(c.store.cases.get("c1")!.state).toBe("replied");
  });

  it("lets an unsatisfied citizen send it back at most twice", async () => {
    const c = await toHandling();
    for (let round = 0; round < 2; round++) {
      await c.send("REPLY", responder, { replyContent: `第${round + 1}次答复` });
      await c.send("RATE", citizen, { satisfaction: "unsatisfied" });
      expect(c.store.cases.get("c1")!.state).toBe("handling");
    }
    await c.send("REPLY", responder, { replyContent: "第3次答复" });
    await c.send("RATE", citizen, { satisfaction: "unsatisfied" });
    expect(c.store.cases.get("c1")!.state).toBe("closed");
    expect(c.store.cases.get("c1")!.snapshot.context.counters).toEqual({ redo: 2 });
  });

  it("reproduces the stored snapshot by replaying the event log", async () => {
    const c = await toHandling();
    await c.send("REPLY", responder, { replyContent: "已修复" });
    await c.send("RATE", citizen, { satisfaction: "satisfied" });
    expect(replayEvents(definition, c.store.eventsOf("c1"))).toEqual(c.store.cases.get("c1")!.snapshot);
  });
});

describe("a deadline whose transitions' guards do not hold", () => {
  // A fast track drawn the only way the designer allows today: a 1 % rung fires FAST_TRACK,
  // which moves on only when the start form's category is 随手拍.
  const fastTrack = ZWorkflowDefinition.parse({
    schemaVersion: 1,
    key: "fastTrack",
    kind: "letter",
    name: { "zh-CN": "随手拍快办" },
    initial: "review",
    states: {
      review: {
        label: { "zh-CN": "审核" },
        kind: "task",
        assignee: { role: "county_admin", scope: "county" },
        deadlines: [
          {
            id: "auto",
            label: { "zh-CN": "即时转" },
            duration: { amount: 1, unit: "hours" },
            ladder: [{ id: "now", label: { "zh-CN": "即时转" }, atPercent: 1, event: "FAST_TRACK" }],
          },
        ],
        transitions: [
          {
            event: "FAST_TRACK",
            label: { "zh-CN": "直接交办" },
            target: "handling",
            roles: ["system"],
            guard: { type: "fieldEquals", params: { field: "category", value: "随手拍" } },
          },
          { event: "APPROVE", label: { "zh-CN": "审核通过" }, target: "handling", roles: ["county_admin"] },
        ],
      },
      handling: { label: { "zh-CN": "办理" }, kind: "final" },
    },
  });

  async function started(category: string) {
    const store = new MemoryCaseStore(calendarFromDays([]));
    store.addVersion("v1", fastTrack);
    const now = new Date("2026-09-28T02:00:00Z");
    await startCase(store, { caseId: "c1", versionId: "v1", data: { category }, actor: citizen, now });
    const [timer] = [...store.timers.values()];
    return { store, outcome: await fireTimer(store, timer!.id, timer!.dueAt) };
  }

  it("writes no event and drops the timer; the case waits for a person", async () => {
    const { store, outcome } = await started("城乡建设");
    expect(outcome).toMatchObject({ fired: false, reason: "guardNotMet" });
    expect(store.eventsOf("c1").map((e) => e.type)).toEqual(["CASE_STARTED"]);
    expect(store.timers.size).toBe(0);
    expect(store.cases.get("c1")).toMatchObject({ state: "review", seq: 1 });
  });

  it("takes the transition when the guard holds", async () => {
    const { store, outcome } = await started("随手拍");
    expect(outcome).toMatchObject({ fired: true });
    expect(store.cases.get("c1")).toMatchObject({ state: "handling", seq: 2 });
  });
});

describe("automatic transitions", () => {
  // 随手拍 goes straight to the handling unit with a 24-hour limit; anything else is reviewed first.
  const fastTrack = ZWorkflowDefinition.parse({
    schemaVersion: 1,
    key: "quickReport",
    kind: "opinion",
    name: { "zh-CN": "随手拍" },
    initial: "received",
    states: {
      received: {
        label: { "zh-CN": "受理" },
        kind: "task",
        assignee: { role: "county_admin", scope: "county" },
        deadlines: [
          {
            id: "review",
            label: { "zh-CN": "审核时限" },
            duration: { amount: 1, unit: "workingDays" },
            ladder: [
              { id: "due", label: { "zh-CN": "到期" }, atPercent: 100, notify: { to: "assignee", template: "x" } },
            ],
          },
        ],
        transitions: [
          {
            event: "QUICK",
            label: { "zh-CN": "随手拍直办" },
            target: "handling",
            roles: ["system"],
            auto: true,
            guard: { type: "fieldEquals", params: { field: "category", value: "随手拍" } },
          },
          { event: "APPROVE", label: { "zh-CN": "审核通过" }, target: "handling", roles: ["county_admin"] },
        ],
      },
      handling: {
        label: { "zh-CN": "办理" },
        kind: "task",
        assignee: { role: "handling_unit_responder", scope: "handlingUnit" },
        deadlines: [
          {
            id: "handle",
            label: { "zh-CN": "办理时限" },
            duration: { amount: 24, unit: "hours" },
            ladder: [
              { id: "over", label: { "zh-CN": "逾期" }, atPercent: 100, notify: { to: "assignee", template: "x" } },
            ],
          },
        ],
        transitions: [
          { event: "DONE", label: { "zh-CN": "办结" }, target: "closed", roles: ["handling_unit_responder"] },
        ],
      },
      closed: { label: { "zh-CN": "办结" }, kind: "final" },
    },
  });
  const start = async (category: string) => {
    const store = new MemoryCaseStore(calendarFromDays([]));
    store.addVersion("v1", fastTrack);
    const now = new Date("2026-09-28T02:00:00Z");
    await startCase(store, { caseId: "c1", versionId: "v1", data: { category }, actor: citizen, now });
    return store;
  };

  it("takes the fast track at the start when the start form's category is 随手拍, with its 24-hour limit", async () => {
    const store = await start("随手拍");
    expect(store.cases.get("c1")).toMatchObject({ state: "handling", seq: 1 });
    const [timer] = [...store.timers.values()];
    expect(timer).toMatchObject({ stateId: "handling", dueAt: new Date("2026-09-29T02:00:00Z") });
    expect(replayEvents(fastTrack, store.eventsOf("c1"))).toEqual(store.cases.get("c1")!.snapshot);
  });

  it("leaves other categories for review, and nobody can send the automatic event", async () => {
    const store = await start("城乡建设");
    expect(store.cases.get("c1")).toMatchObject({ state: "received" });
    const sent = await refusal(
      applyEvent(store, "c1", { type: "QUICK" }, { expectedSeq: 1, actor: admin as never, now: new Date() }),
    );
    expect(sent).toMatchObject({ code: "eventNotAvailable" });
    await applyEvent(store, "c1", { type: "APPROVE" }, { expectedSeq: 1, actor: admin as never, now: new Date() });
    expect(store.cases.get("c1")).toMatchObject({ state: "handling", seq: 2 });
  });
});

describe("信访件办理 (the letters and visits template)", () => {
  const letters = ZWorkflowDefinition.parse(letterVisit);
  const DAY = 86_400_000;

  it("runs 登记 → 批办 → 转办 → 办理, 催办 at 80 % and 督办 at 100 % of 30 days from 转办, → 报告 → 答复 → 办结", async () => {
    const store = new MemoryCaseStore(calendarFromDays([]));
    store.addVersion("v1", letters);
    const registeredAt = new Date("2027-03-01T01:00:00Z");
    await startCase(store, { caseId: "c1", versionId: "v1", data: {}, actor: admin, now: registeredAt });
    let at = registeredAt.getTime();
    const send = (type: string, actor: { userId: string | null; roles: readonly string[] }, data = {}) => {
      at += 3_600_000;
      return applyEvent(
        store,
        "c1",
        { type, data },
        { expectedSeq: store.cases.get("c1")!.seq, actor: actor as never, now: new Date(at) },
      );
    };
    const fire = async (rungId: string) => {
      const timer = [...store.timers.values()].find((t) => t.rungId === rungId)!;
      return fireTimer(store, timer.id, timer.dueAt);
    };

    await send("SUBMIT", admin, { summary: "反映小区违建长期未处理" });
    await send("INSTRUCT", admin, { instruction: "请区城管局依法处理并报告结果" });
    await send("TRANSFER", admin, { handlingUnit: UNIT });
    const transferredAt = at;
    expect(store.cases.get("c1")).toMatchObject({ state: "handling" });
    const due = Object.fromEntries([...store.timers.values()].map((t) => [t.rungId, t.dueAt.getTime()]));
    expect(due).toEqual({ urge: transferredAt + 24 * DAY, overdue: transferredAt + 30 * DAY });

    expect(await fire("urge")).toMatchObject({ fired: true, result: { state: "handling" } });
    expect(await fire("overdue")).toMatchObject({ fired: true, result: { state: "supervised" } });
    at = transferredAt + 31 * DAY;
    await send("REPORT", responder, { result: "已拆除违建" });
    // Sent back: the limit still counts from 转办, so it is already past and 督办 follows at once.
    await send("RETURN_REPORT", admin);
    expect(store.cases.get("c1")).toMatchObject({ state: "handling" });
    expect(await fire("overdue")).toMatchObject({ fired: true, result: { state: "supervised" } });
    await send("REPORT", responder, { result: "已拆除违建并恢复绿地" });
    await send("ANSWER", admin, { answer: "经查属实，已依法处理" });
    expect(store.cases.get("c1")).toMatchObject({ state: "answered" });
    await send("CLOSE", admin);
    expect(store.cases.get("c1")).toMatchObject({ state: "closed", status: "done" });
    expect(store.eventsOf("c1").map((e) => e.type)).toEqual([
      "CASE_STARTED",
      "SUBMIT",
      "INSTRUCT",
      "TRANSFER",
      "URGE",
      "OVERDUE",
      "REPORT",
      "RETURN_REPORT",
      "OVERDUE",
      "REPORT",
      "ANSWER",
      "CLOSE",
    ]);
    expect(store.timers.size).toBe(0);
  });
});

describe("a step on a team's desk (信访办)", () => {
  const definition = ZWorkflowDefinition.parse({
    schemaVersion: 1,
    key: "petition",
    kind: "letter",
    name: { "zh-CN": "信访" },
    initial: "approve",
    states: {
      approve: {
        label: { "zh-CN": "批办" },
        kind: "task",
        assignee: { role: "team", scope: "county", team: "petitionOffice" },
        transitions: [{ event: "APPROVE", label: { "zh-CN": "批办" }, target: "closed", teams: ["petitionOffice"] }],
      },
      closed: { label: { "zh-CN": "办结" }, kind: "final" },
    },
  });
  const now = new Date("2026-09-28T02:00:00Z");
  const start = async () => {
    const store = new MemoryCaseStore(calendarFromDays([]));
    store.addVersion("v1", definition);
    await startCase(store, { caseId: "c1", versionId: "v1", actor: admin, now });
    return store;
  };

  it("puts the case on the team's desk and lets its members, whatever their role, take the step as the team", async () => {
    const store = await start();
    expect(store.cases.get("c1")).toMatchObject({ desk: { assigneeRole: "team", assigneeTeam: "petitionOffice" } });
    const member = { userId: "u-clerk", roles: ["township_operator"] as const, teams: ["petitionOffice"] };
    await applyEvent(store, "c1", { type: "APPROVE" }, { expectedSeq: 1, actor: member, now });
    expect(store.cases.get("c1")).toMatchObject({ state: "closed", status: "done" });
    expect(store.eventsOf("c1").at(-1)).toMatchObject({ actorUserId: "u-clerk", actorRole: "team:petitionOffice" });
  });

  it("refuses anyone outside the team, the county admin included, changing nothing", async () => {
    const store = await start();
    const outsider = { userId: "u-other", roles: ["county_admin"] as const, teams: ["legalAffairs"] };
    const sent = await refusal(applyEvent(store, "c1", { type: "APPROVE" }, { expectedSeq: 1, actor: outsider, now }));
    expect(sent).toMatchObject({ code: "eventNotPermitted" });
    expect(store.cases.get("c1")).toMatchObject({ state: "approve", seq: 1 });
  });
});
