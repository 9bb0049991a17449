import { PermissionDenied } from "@rdlink/auth";
import {
  auditLog,
  cases,
  deputies,
  deputyStations,
  handlingUnits,
  memberships,
  membershipTownships,
  notifications,
  outbox,
  stationLiaisons,
  stations,
  stationTypes,
  type TRole,
  townships,
  users,
  workflows,
  workflowVersions,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { startCase as startOnRuntime } from "@rdlink/workflow";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import { listCases } from "../cases/list-cases";
import { systemClock } from "../clock";
import { listOutboxMessages } from "../outbox/list-outbox-messages";
import { retryOutboxMessage } from "../outbox/retry-outbox-message";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError } from "../shared/errors";
import { onboardTestCounty } from "../testing/counties";
import { deliverOutbox, MAX_ATTEMPTS } from "../worker/deliver-outbox";
import { fireDueTimers } from "../worker/fire-due-timers";
import { logAdapter, type OutboxAdapter, type OutboxMessage } from "../worker/outbox-adapters";
import { listMyNotifications } from "./list-my-notifications";
import { markNotificationsRead } from "./mark-notifications-read";
import { notificationRecipients } from "./notification-recipients";
import { openNotification } from "./open-notification";

/** Monday 2026-11-02 09:00 in Asia/Shanghai. */
const MONDAY = new Date("2026-11-02T01:00:00Z");

describe.each(testDrivers())("in-app notifications on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipA: string;
  let townshipB: string;
  let stationA: string;
  let unit1: string;
  let unit2: string;
  let versionId: string;
  /** One actor per person, each a real user with a real membership. */
  const people: Record<string, UseCaseContext> = {};
  const id = (name: string) => people[name]!.actor.userId;

  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  /** A user of the county: a users row, a membership, its townships (and its unit). */
  async function person(
    name: string,
    role: TRole,
    scope: { townshipIds?: string[]; handlingUnitId?: string; disabled?: boolean } = {},
  ) {
    const [user] = await t.db.withoutTenant((tx) =>
      tx
        .insert(users)
        .values({
          username: `${name}-${driver}`,
          displayName: name,
          homeTenantId: tenantId,
          disabledAt: scope.disabled ? MONDAY : null,
        })
        .returning(),
    );
    await inCounty(async (tx) => {
      const [membership] = await tx
        .insert(memberships)
        .values({ tenantId, userId: user!.id, role, handlingUnitId: scope.handlingUnitId })
        .returning();
      for (const townshipId of scope.townshipIds ?? [])
        await tx.insert(membershipTownships).values({ tenantId, membershipId: membership!.id, townshipId });
    });
    people[name] = {
      actor: {
        userId: user!.id,
        username: name,
        displayName: name,
        platformRole: null,
        tenantId,
        memberships: [{ role, townshipIds: scope.townshipIds ?? [], handlingUnitId: scope.handlingUnitId ?? null }],
      },
      ip: "10.0.0.9",
      clock: systemClock,
    };
  }

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    await inCounty(async (tx) => {
      const [a, b] = await tx
        .select()
        .from(townships)
        .where(eq(townships.tenantId, tenantId))
        .orderBy(asc(townships.sortOrder))
        .limit(2);
      townshipA = a!.id;
      townshipB = b!.id;
      const [type] = await tx.select().from(stationTypes).where(eq(stationTypes.tenantId, tenantId)).limit(1);
      const [station] = await tx
        .insert(stations)
        .values({ tenantId, stationTypeId: type!.id, townshipId: townshipA, code: "N1", name: "通知测试联络站" })
        .returning();
      stationA = station!.id;
      const units = await tx
        .insert(handlingUnits)
        .values([
          { tenantId, name: "区住建局" },
          { tenantId, name: "区交通局" },
        ])
        .returning();
      unit1 = units[0]!.id;
      unit2 = units[1]!.id;
      const [version] = await tx
        .select({ id: workflowVersions.id })
        .from(workflowVersions)
        .innerJoin(
          workflows,
          and(eq(workflows.tenantId, workflowVersions.tenantId), eq(workflows.id, workflowVersions.workflowId)),
        )
        .where(and(eq(workflowVersions.tenantId, tenantId), eq(workflows.key, "citizenOpinion")));
      versionId = version!.id;
    });
    const [admin] = await t.db.withoutTenant((tx) => tx.select().from(users).where(eq(users.username, "admin-450107")));
    people.admin = {
      actor: {
        userId: admin!.id,
        username: "admin",
        displayName: "管理员",
        platformRole: null,
        tenantId,
        memberships: [{ role: "county_admin", townshipIds: [] }],
      },
      ip: "10.0.0.1",
      clock: systemClock,
    };
    await person("liaisonA", "station_liaison", { townshipIds: [townshipA] });
    await person("liaisonElsewhere", "station_liaison", { townshipIds: [townshipA] });
    await person("operatorA", "township_operator", { townshipIds: [townshipA] });
    await person("operatorB", "township_operator", { townshipIds: [townshipB] });
    await person("responder1", "handling_unit_responder", { handlingUnitId: unit1 });
    await person("responder1Gone", "handling_unit_responder", { handlingUnitId: unit1, disabled: true });
    await person("responder2", "handling_unit_responder", { handlingUnitId: unit2 });
    await person("deputyAtStation", "deputy");
    await person("deputyElsewhere", "deputy");
    await inCounty(async (tx) => {
      await tx.insert(stationLiaisons).values({ tenantId, stationId: stationA, userId: id("liaisonA") });
      const [deputy] = await tx
        .insert(deputies)
        .values({ tenantId, name: "韦代表", level: "county", townshipId: townshipA, userId: id("deputyAtStation") })
        .returning();
      await tx.insert(deputyStations).values({ tenantId, deputyId: deputy!.id, stationId: stationA });
      await tx
        .insert(deputies)
        .values({ tenantId, name: "黄代表", level: "county", townshipId: townshipB, userId: id("deputyElsewhere") });
    });
  });
  afterAll(() => t.drop());

  /** A 群众意见 case registered at station A of township A, as the QR intake records it. */
  async function openCase(title: string, at = MONDAY) {
    return inCounty((tx) =>
      startOnRuntime(new DrizzleCaseStore(tx, { townshipId: townshipA, stationId: stationA, title }), {
        caseId: crypto.randomUUID(),
        versionId,
        data: { content: title },
        actor: { userId: id("liaisonA"), roles: ["station_liaison"] },
        now: at,
      }),
    );
  }

  const act = (who: string, caseId: string, event: string, data: Record<string, unknown>, at = MONDAY) =>
    inCounty(async (tx) => {
      const [row] = await tx
        .select({ seq: cases.seq })
        .from(cases)
        .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
      return actOnCase(tx, people[who]!, { caseId, event, data, expectedSeq: row!.seq }, at);
    });

  /** Registered → review → handed over → assigned to unit 1: the ASSIGN step queues `case.assigned`. */
  async function assignedCase(title: string) {
    const { caseId } = await openCase(title);
    await act("liaisonA", caseId, "SUBMIT_REVIEW", { summary: title });
    await act("liaisonA", caseId, "HAND_OVER", { issueScope: "individual" });
    await act("admin", caseId, "ASSIGN", { handlingUnit: unit1 });
    return caseId;
  }

  const messagesOf = (caseId: string) =>
    inCounty((tx) =>
      tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.tenantId, tenantId), eq(outbox.caseId, caseId))),
    );
  const notified = (outboxId: string) =>
    inCounty((tx) =>
      tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.tenantId, tenantId), eq(notifications.outboxId, outboxId))),
    );
  const names = (userIds: string[]) =>
    userIds.map((userId) => Object.keys(people).find((name) => id(name) === userId)).sort();

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

  it("lists a user's own notifications newest first, marks and opens only their own", async () => {
    const mine = await inCounty((tx) => listMyNotifications(tx, people.responder1!, {}));
    expect(mine.rows.length).toBeGreaterThanOrEqual(3);
    expect(mine.unread).toBe(mine.total);
    const times = mine.rows.map((r) => r.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(mine.rows[0]).toMatchObject({ template: "case.assigned", caseTitle: expect.any(String) });

    // Someone else's notification cannot be marked (nor learned about).
    const othersId = mine.rows[0]!.id;
    expect(await inCounty((tx) => markNotificationsRead(tx, people.responder2!, { id: othersId }))).toEqual({
      marked: 0,
    });
    expect(await inCounty((tx) => markNotificationsRead(tx, people.liaisonA!, { all: true }))).toEqual({ marked: 1 });
    expect((await inCounty((tx) => listMyNotifications(tx, people.responder1!, {}))).unread).toBe(mine.total);

    expect(await inCounty((tx) => markNotificationsRead(tx, people.responder1!, { id: othersId }))).toEqual({
      marked: 1,
    });
    const afterOne = await inCounty((tx) => listMyNotifications(tx, people.responder1!, {}));
    expect(afterOne.unread).toBe(mine.total - 1);
    expect(afterOne.rows[0]!.readAt).not.toBeNull();
    const unreadOnly = await inCounty((tx) => listMyNotifications(tx, people.responder1!, { unreadOnly: "1" }));
    expect(unreadOnly.total).toBe(mine.total - 1);

    // Opening one reads it and names its case; someone else's is not found.
    const toOpen = unreadOnly.rows[0]!;
    await expect(inCounty((tx) => openNotification(tx, people.responder2!, { id: toOpen.id }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await inCounty((tx) => openNotification(tx, people.responder1!, { id: toOpen.id }))).toEqual({
      caseId: toOpen.caseId,
    });
    expect((await inCounty((tx) => listMyNotifications(tx, people.responder1!, {}))).unread).toBe(mine.total - 2);

    await inCounty((tx) => markNotificationsRead(tx, people.responder1!, { all: true }));
    expect((await inCounty((tx) => listMyNotifications(tx, people.responder1!, {}))).unread).toBe(0);
    // The liaison's and the other users' rows were not touched by the responder.
    const liaisonRows = await inCounty((tx) =>
      tx
        .select()
        .from(notifications)
        .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, id("liaisonA")))),
    );
    expect(liaisonRows.every((r) => r.readAt !== null)).toBe(true);
    expect((await inCounty((tx) => listMyNotifications(tx, people.responder2!, {}))).total).toBe(0);
    await expect(
      inCounty((tx) =>
        listMyNotifications(
          tx,
          { actor: { ...people.admin!.actor, memberships: [] }, ip: null, clock: systemClock },
          {},
        ),
      ),
    ).rejects.toBeInstanceOf(PermissionDenied);
  });
  it("a handling deadline passing urges the unit (催办 on its bell) at 80 % and marks the case overdue at 100 %", async () => {
    const caseId = await assignedCase("河道漂浮垃圾");
    await act("responder1", caseId, "ACCEPT", {});
    const row = async () =>
      (
        await inCounty((tx) =>
          tx
            .select()
            .from(cases)
            .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId))),
        )
      )[0]!;
    const accepted = await row();
    expect(accepted).toMatchObject({ state: "handling", assigneeRole: "handling_unit_responder", overdueAt: null });
    const deadline = (at: Date) =>
      inCounty(async (tx) => {
        const listed = await listCases(tx, people.responder1!, { view: "mine" }, at);
        return listed.cases.find((c) => c.id === caseId)?.deadline;
      });
    expect(await deadline(MONDAY)).toBe("onTime");

    // The clock moves past the first warning (80 % of 15 working days): the worker fires it.
    const warning = new Date(accepted.warnAt!.getTime() + 60_000);
    await fireDueTimers(t.db, { now: warning });
    await deliverOutbox(t.db, logAdapter(), { now: warning });
    expect((await row()).state).toBe("handling");
    expect(await deadline(warning)).toBe("warning");
    const bell = await inCounty((tx) => listMyNotifications(tx, people.responder1!, {}));
    expect(
      bell.rows
        .filter((n) => n.caseId === caseId)
        .map((n) => n.template)
        .sort(),
    ).toEqual(["case.assigned", "case.deadline.urge", "case.urged"]);
    const other = await inCounty((tx) => listMyNotifications(tx, people.responder2!, {}));
    expect(other.rows.filter((n) => n.caseId === caseId)).toEqual([]);

    // Past the deadline itself: 督办, and the case stays marked overdue on every desk.
    const overdue = new Date(accepted.dueAt!.getTime() + 60_000);
    await fireDueTimers(t.db, { now: overdue });
    const late = await row();
    expect(late.state).toBe("supervised");
    expect(late.overdueAt).not.toBeNull();
    expect(await deadline(overdue)).toBe("overdue");
    const filtered = await inCounty((tx) =>
      listCases(tx, people.admin!, { view: "all", deadline: "overdue" }, overdue),
    );
    expect(filtered.cases.map((c) => c.id)).toContain(caseId);
  });
});
