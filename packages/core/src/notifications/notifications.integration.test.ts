import { PermissionDenied } from "@rdlink/auth";
import { cases, notifications } from "@rdlink/db";
import { type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCases } from "../cases/list-cases";
import { systemClock } from "../clock";
import { NotFoundError } from "../shared/errors";
import { deliverOutbox } from "../worker/deliver-outbox";
import { fireDueTimers } from "../worker/fire-due-timers";
import { logAdapter } from "../worker/outbox-adapters";
import { listMyNotifications } from "./list-my-notifications";
import { markNotificationsRead } from "./mark-notifications-read";
import { MONDAY, notificationTestCounty } from "./notification-test-county";
import { openNotification } from "./open-notification";

describe.each(testDrivers())("the bell: in-app notifications on %s", (driver) => {
  const county = notificationTestCounty(driver);
  const { people, id, inCounty, openCase, act, assignedCase } = county;
  let t: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    ({ t, tenantId } = await county.setUp());
    // Three cases assigned to unit 1 (its responder's bell rings for each) and one left at
    // registration until its deadline rung goes to the station's liaison officer.
    for (const title of ["小区路灯不亮", "井盖缺失", "垃圾清运不及时"]) await assignedCase(title);
    await deliverOutbox(t.db, logAdapter(), { now: MONDAY });
    await openCase("登记超时", MONDAY);
    const later = new Date("2026-11-06T00:00:00Z");
    await fireDueTimers(t.db, { now: later });
    await deliverOutbox(t.db, logAdapter(), { now: later });
  });
  afterAll(() => county.drop());

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
