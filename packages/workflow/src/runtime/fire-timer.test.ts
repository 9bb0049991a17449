import { describe, expect, it } from "vitest";
import { calendarFromDays } from "../calendar";
import { ZWorkflowDefinition } from "../definition/definition-schema";
import { letterVisit } from "../templates";
import { applyEvent, startCase } from "./case-runtime";
import { fireTimer } from "./fire-timer";
import { admin, citizen, responder, toHandling, UNIT } from "./fixtures";
import { MemoryCaseStore } from "./memory-case-store";

describe("a state's deadlines", () => {
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

describe("信访件办理 (the letters and visits template)", () => {
  const letters = ZWorkflowDefinition.parse(letterVisit);
  const DAY = 86_400_000;

  it("runs 登记 → 批办 → 转办 → 办理, 催办 at 80 % and 督办 at 100 % of 60 days from 转办, → 报告 → 答复 → 办结", async () => {
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
    expect(due).toEqual({ urge: transferredAt + 48 * DAY, overdue: transferredAt + 60 * DAY });

    expect(await fire("urge")).toMatchObject({ fired: true, result: { state: "handling" } });
    expect(await fire("overdue")).toMatchObject({ fired: true, result: { state: "supervised" } });
    at = transferredAt + 61 * DAY;
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

  /** A case transferred at `transferredAt` (Monday 1 March 2027, 10:00 in Shanghai), with `data` on the 转办. */
  const transferred = async (data: Record<string, unknown> = {}) => {
    const store = new MemoryCaseStore(calendarFromDays([]));
    store.addVersion("v1", letters);
    const now = new Date("2027-03-01T02:00:00Z");
    await startCase(store, { caseId: "c1", versionId: "v1", data: {}, actor: admin, now });
    let seq = 1;
    const send = async (type: string, actor: unknown, payload = {}) => {
      await applyEvent(store, "c1", { type, data: payload }, { expectedSeq: seq, actor: actor as never, now });
      seq += 1;
    };
    await send("SUBMIT", admin, { summary: "反映小区违建" });
    await send("INSTRUCT", admin, { instruction: "请依法处理" });
    await send("TRANSFER", admin, { handlingUnit: UNIT, ...data });
    const due = () => Object.fromEntries([...store.timers.values()].map((t) => [t.rungId, t.dueAt.toISOString()]));
    return { store, send, due, now };
  };

  it("ends the handling limit at the end of the day a 转办 asked for, 催办 at 80 % of the shorter span", async () => {
    // Asked for Wednesday 31 March (24:00 in Shanghai): 30 days and 14 hours after the 转办.
    const { due } = await transferred({ _dueBy: "2027-03-31" });
    const end = new Date("2027-03-31T16:00:00Z").getTime();
    const start = new Date("2027-03-01T02:00:00Z").getTime();
    expect(due()).toEqual({
      urge: new Date(start + ((end - start) * 80) / 100).toISOString(),
      overdue: new Date(end).toISOString(),
    });
    // Without a date the declared 60 days hold.
    expect((await transferred()).due()).toEqual({
      urge: new Date(start + 48 * DAY).toISOString(),
      overdue: new Date(start + 60 * DAY).toISOString(),
    });
  });

  it("延期: asked with a reason, approved by the county: 90 days from 转办, no longer capped by the asked date", async () => {
    const { store, send, due } = await transferred({ _dueBy: "2027-03-31" });
    await send("REQUEST_EXTENSION", responder, { extensionReason: "需会同规划部门联合调查" });
    expect(store.cases.get("c1")).toMatchObject({ state: "extensionReview" });
    await send("DECIDE_EXTENSION", admin, { extension: "approved" });
    expect(store.cases.get("c1")).toMatchObject({ state: "extendedHandling" });
    const start = new Date("2027-03-01T02:00:00Z").getTime();
    expect(due()).toEqual({
      urge: new Date(start + 81 * DAY).toISOString(),
      overdue: new Date(start + 90 * DAY).toISOString(),
    });
  });
});
