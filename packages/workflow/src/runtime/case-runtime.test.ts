import { describe, expect, it } from "vitest";
import { calendarFromDays } from "../calendar";
import { ZWorkflowDefinition } from "../definition/definition-schema";
import { applyEvent, startCase } from "./case-runtime";
import { admin, citizen, definition, liaison, opened, refusal, responder, toHandling, UNIT } from "./fixtures";
import { MemoryCaseStore } from "./memory-case-store";
import { replayEvents } from "./replay-events";

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

describe("a repeated idempotency key on a case that has closed since", () => {
  // Two steps to a final state: a key may be repeated after the step it names closed the case, or a later one did.
  const twoSteps = ZWorkflowDefinition.parse({
    schemaVersion: 1,
    key: "twoSteps",
    kind: "letter",
    name: { "zh-CN": "两步办结" },
    initial: "review",
    states: {
      review: {
        label: { "zh-CN": "审核" },
        kind: "task",
        assignee: { role: "county_admin", scope: "county" },
        transitions: [{ event: "APPROVE", label: { "zh-CN": "通过" }, target: "answer", roles: ["county_admin"] }],
      },
      answer: {
        label: { "zh-CN": "答复" },
        kind: "task",
        assignee: { role: "county_admin", scope: "county" },
        transitions: [{ event: "CLOSE", label: { "zh-CN": "办结" }, target: "closed", roles: ["county_admin"] }],
      },
      closed: { label: { "zh-CN": "办结" }, kind: "final" },
    },
  });
  const now = new Date("2026-09-28T02:00:00Z");

  it("answers with the step's seq and state and the case's status now: done", async () => {
    const store = new MemoryCaseStore(calendarFromDays([]));
    store.addVersion("v1", twoSteps);
    await startCase(store, { caseId: "c1", versionId: "v1", actor: admin, now });
    const send = (type: string, expectedSeq: number, idempotencyKey: string) =>
      applyEvent(store, "c1", { type }, { expectedSeq, idempotencyKey, actor: admin, now });
    const approved = await send("APPROVE", 1, "approve-1");
    expect(approved).toMatchObject({ state: "answer", status: "active" });
    const closed = await send("CLOSE", 2, "close-1");
    expect(closed).toMatchObject({ state: "closed", status: "done", replayed: false });

    expect(await send("CLOSE", 2, "close-1")).toEqual({ ...closed, replayed: true });
    expect(await send("APPROVE", 1, "approve-1")).toEqual({ ...approved, status: "done", replayed: true });
    expect(store.eventsOf("c1")).toHaveLength(3);
  });
});
