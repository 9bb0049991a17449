import { PermissionDenied } from "@rdlink/auth";
import { auditLog, cases, outbox } from "@rdlink/db";
import { type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOutboxMessages } from "../outbox/list-outbox-messages";
import { retryOutboxMessage } from "../outbox/retry-outbox-message";
import { ConflictError } from "../shared/errors";
import { deliverOutbox, MAX_ATTEMPTS } from "../worker/deliver-outbox";
import { fireDueTimers } from "../worker/fire-due-timers";
import { logAdapter, type OutboxAdapter, type OutboxMessage } from "../worker/outbox-adapters";
import { notificationRecipients } from "./notification-recipients";
import { MONDAY, notificationTestCounty } from "./notification-test-county";

describe.each(testDrivers())("delivering notifications on %s", (driver) => {
  const county = notificationTestCounty(driver);
  const { people, id, inCounty, openCase, assignedCase, messagesOf, notified, names } = county;
  let t: TestDatabase;
  let tenantId: string;
  let unit1: string;
  beforeAll(async () => {
    ({ t, tenantId, unit1 } = await county.setUp());
  });
  afterAll(() => county.drop());

  it("delivers an assignment to the unit's responders only, once, however often it is delivered", async () => {
    const caseId = await assignedCase("小区路灯不亮");
    const [message] = await messagesOf(caseId);
    expect(message).toMatchObject({
      kind: "notify",
      status: "pending",
      payload: { to: "handlingUnit", template: "case.assigned" },
    });

    const seen: OutboxMessage[] = [];
    const log = logAdapter();
    const watching: OutboxAdapter = { name: log.name, deliver: async (m) => void seen.push(m) };
    expect(await deliverOutbox(t.db, watching, { now: MONDAY })).toMatchObject({ delivered: 1, failed: 0 });
    const rows = await notified(message!.id);
    // Not the other unit's responder, not a disabled account, nobody else.
    expect(names(rows.map((r) => r.userId))).toEqual(["responder1"]);
    expect(rows[0]).toMatchObject({
      caseId,
      template: "case.assigned",
      params: { title: "小区路灯不亮" },
      readAt: null,
    });
    // Dated by the step that queued it, not by its delivery.
    expect(rows[0]!.createdAt.toISOString()).toBe(message!.createdAt.toISOString());
    expect(seen[0]).toMatchObject({ id: message!.id, recipients: [id("responder1")] });
    expect((await messagesOf(caseId))[0]).toMatchObject({ status: "delivered", deliveredVia: "log", attempts: 1 });

    // At least once: the same row delivered again (a worker died before it marked it) adds nothing.
    await inCounty((tx) => tx.update(outbox).set({ status: "pending" }).where(eq(outbox.id, message!.id)));
    expect(await deliverOutbox(t.db, logAdapter(), { now: MONDAY })).toMatchObject({ delivered: 1 });
    expect(await notified(message!.id)).toHaveLength(1);
  });

  it("resolves every target from the case: desk, unit, county, township, deputies; the citizen has no account", async () => {
    const caseId = await assignedCase("井盖缺失");
    const kase = async () => {
      const [row] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
      return row!;
    };
    const row = await kase();
    const resolve = async (to: Parameters<typeof notificationRecipients>[1]) =>
      names(await inCounty((tx) => notificationRecipients(tx, to, row)));
    // The case is at 签收, on the handling unit's desk.
    expect(row).toMatchObject({ state: "acceptance", assigneeRole: "handling_unit_responder" });
    expect(await resolve("assignee")).toEqual(["responder1"]);
    expect(await resolve("handlingUnit")).toEqual(["responder1"]);
    expect(await resolve("county_admin")).toEqual(["admin"]);
    expect(await resolve("township_operator")).toEqual(["operatorA"]);
    expect(await resolve("deputy")).toEqual(["deputyAtStation"]);
    expect(await resolve("submitter")).toEqual([]);
  });

  it("sends a deadline rung to whoever holds the desk: the station's liaison officer, not the township's others", async () => {
    const { caseId } = await openCase("登记超时", MONDAY);
    // 登记时限: 2 working days; the worker fires the rung and then delivers its message.
    const later = new Date("2026-11-06T00:00:00Z");
    await fireDueTimers(t.db, { now: later });
    const [message] = (await messagesOf(caseId)).filter((m) => m.kind === "notify");
    expect(message).toMatchObject({ payload: { to: "assignee", template: "case.deadline.due" } });
    await deliverOutbox(t.db, logAdapter(), { now: later });
    expect(names((await notified(message!.id)).map((r) => r.userId))).toEqual(["liaisonA"]);
  });

  it("retries a failing channel with backoff, keeps the case's step and the bell, flags it after N failures; the admin retries it", async () => {
    const caseId = await assignedCase("垃圾清运不及时");
    const [message] = await messagesOf(caseId);
    const broken: OutboxAdapter = {
      name: "sms",
      async deliver() {
        throw new Error("gateway timeout");
      },
    };
    let now = MONDAY.getTime() + 60_000;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverOutbox(t.db, broken, { now: new Date(now) });
      expect(report).toMatchObject({ delivered: 0 });
      const [row] = await messagesOf(caseId);
      expect(row!.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        // Not due again before its backoff (30 s, 60 s, 120 s …) has passed.
        expect(row!.nextAttemptAt.getTime()).toBe(now + 30_000 * 2 ** (attempt - 1));
        expect(await deliverOutbox(t.db, broken, { now: new Date(now + 1000) })).toMatchObject({ retried: 0 });
      }
      now += 30_000 * 2 ** attempt;
    }
    const [failed] = await messagesOf(caseId);
    expect(failed).toMatchObject({
      status: "failed",
      attempts: MAX_ATTEMPTS,
      lastError: "gateway timeout",
      deliveredVia: null,
    });
    const [kase] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    // The step that queued it stays committed; the case is flagged for someone to look.
    expect(kase).toMatchObject({ state: "acceptance", handlingUnitId: unit1, incident: true });
    // The bell got it on the first attempt, exactly once.
    expect(names((await notified(message!.id)).map((r) => r.userId))).toEqual(["responder1"]);

    const failedList = await inCounty((tx) => listOutboxMessages(tx, people.admin!, { status: "failed" }));
    expect(failedList.rows).toEqual([
      expect.objectContaining({
        id: message!.id,
        caseId,
        caseTitle: "垃圾清运不及时",
        template: "case.assigned",
        to: "handlingUnit",
        attempts: MAX_ATTEMPTS,
        lastError: "gateway timeout",
      }),
    ]);
    expect(failedList.counts.failed).toBe(1);
    await expect(inCounty((tx) => listOutboxMessages(tx, people.operatorA!, {}))).rejects.toBeInstanceOf(
      PermissionDenied,
    );
    await expect(
      inCounty((tx) => retryOutboxMessage(tx, people.operatorA!, { id: message!.id })),
    ).rejects.toBeInstanceOf(PermissionDenied);

    const retriedAt = new Date(now);
    await inCounty((tx) => retryOutboxMessage(tx, people.admin!, { id: message!.id }, retriedAt));
    const [pending] = await messagesOf(caseId);
    expect(pending).toMatchObject({ status: "pending", attempts: 0 });
    const [cleared] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(cleared!.incident).toBe(false);
    const audit = await inCounty((tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.objectId, message!.id))),
    );
    expect(audit).toEqual([expect.objectContaining({ action: "outbox.retried", actorUserId: id("admin") })]);
    // Only a failed message can be retried.
    await expect(inCounty((tx) => retryOutboxMessage(tx, people.admin!, { id: message!.id }))).rejects.toBeInstanceOf(
      ConflictError,
    );

    await deliverOutbox(t.db, logAdapter(), { now: retriedAt });
    expect((await messagesOf(caseId))[0]).toMatchObject({ status: "delivered", deliveredVia: "log", attempts: 1 });
    expect(await notified(message!.id)).toHaveLength(1);
  });
});
