import {
  activities,
  activityDeputies,
  caseEvents,
  cases,
  deputies,
  deputyStations,
  gridDeputies,
  grids,
  handlingUnitContacts,
  handlingUnits,
  memberships,
  postClaims,
  stationChecklistItems,
  stations,
  tenants,
  users,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { and, count, countDistinct, eq, gte, isNotNull, max, min, type SQL, sum } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../auth/load-actor";
import { signIn } from "../auth/sign-in";
import { listCases } from "../cases/list-cases";
import { ManualClock, systemClock } from "../clock";
import { getMyDesk } from "../desk/get-my-desk";
import { DEMO_COUNTY_CODE, DEMO_PASSWORD, type DemoSignIn, seedDemo } from "./seed-demo";

const browser = { ip: "127.0.0.1", userAgent: "vitest" };

describe.each(testDrivers())("the demo county on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let demoUsers: DemoSignIn[];
  let seededAt: Date;
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const rows = async (table: PgTable, where?: SQL) =>
    (await inCounty((tx) => tx.select({ n: count() }).from(table).where(where)))[0]!.n;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const started = performance.now();
    seededAt = systemClock.now();
    demoUsers = (await seedDemo(t.db, new ManualClock(seededAt))) ?? [];
    expect(demoUsers).toHaveLength(6);
    console.info(`seedDemo on ${driver}: ${Math.round(performance.now() - started)} ms`);
    const [tenant] = await t.db.withoutTenant((tx) =>
      tx.select().from(tenants).where(eq(tenants.divisionCode, DEMO_COUNTY_CODE)),
    );
    tenantId = tenant!.id;
  }, 300_000);
  afterAll(() => t.drop());

  it("has realistic content: ~20 stations across its townships, ~150 deputies, posts claimed, standards recorded", async () => {
    const placed = await inCounty((tx) => tx.selectDistinct({ townshipId: stations.townshipId }).from(stations));
    expect(await rows(stations)).toBe(21);
    expect(placed.length).toBe(13);
    // The 基层立法联系点 has no head.
    expect(await rows(stations, isNotNull(stations.headDeputyId))).toBe(20);
    expect(await rows(deputies)).toBe(150);
    expect(await rows(postClaims, eq(postClaims.status, "approved"))).toBeGreaterThanOrEqual(50);
    expect(await rows(postClaims, eq(postClaims.status, "pending"))).toBeGreaterThanOrEqual(10);
    expect(await rows(stationChecklistItems)).toBe(200);
  });

  it("has handling units with contacts (the demo responder works for 区住建局), grids with deputies and months of ledger", async () => {
    expect(await rows(handlingUnits)).toBe(12);
    expect(await rows(handlingUnitContacts)).toBeGreaterThanOrEqual(12);
    const [responder] = await inCounty((tx) =>
      tx
        .select({ unit: handlingUnits.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .innerJoin(handlingUnits, eq(handlingUnits.id, memberships.handlingUnitId))
        .where(eq(users.username, "xxt-responder")),
    );
    expect(responder).toEqual({ unit: "区住建局" });
    expect(await rows(grids)).toBeGreaterThanOrEqual(10);
    expect(await rows(gridDeputies)).toBeGreaterThanOrEqual(10);
    const [ledger] = await inCounty((tx) =>
      tx
        .select({
          entries: count(),
          days: countDistinct(activities.day),
          first: min(activities.day),
          last: max(activities.day),
          disputes: sum(activities.disputesMediated),
          jobs: sum(activities.jobsArranged),
        })
        .from(activities),
    );
    // Four 30-day months up to yesterday, laid out from the seed's clock: the same on every date.
    expect(ledger).toMatchObject({ entries: 262, days: 75, disputes: "100", jobs: "356" });
    const today = localDateOf(seededAt);
    const windowStart = localDateOf(new Date(Date.parse(`${today}T00:00:00+08:00`) - 120 * 86_400_000));
    expect(ledger!.first! >= windowStart).toBe(true);
    expect(ledger!.last! < today).toBe(true); // up to yesterday
    expect(await rows(activityDeputies)).toBeGreaterThan(ledger!.entries);
  });

  it("has ~120 opinions of the last six months, driven through the workflow into a realistic mix", async () => {
    const stateCounts = await inCounty((tx) =>
      tx
        .select({
          state: cases.state,
          n: count(),
          overdue: count(cases.overdueAt),
          closed: count(cases.closedAt),
          unit: count(cases.handlingUnitId),
          rated: count(cases.satisfaction),
          first: min(cases.createdAt),
          tracked: count(cases.trackingCode),
          stations: countDistinct(cases.stationId),
        })
        .from(cases)
        .groupBy(cases.state),
    );
    const n = (pick: (row: (typeof stateCounts)[number]) => number, states?: string[]) =>
      stateCounts.filter((r) => !states || states.includes(r.state)).reduce((sum, r) => sum + pick(r), 0);
    expect(n((r) => r.n)).toBe(120);
    expect(n((r) => r.tracked)).toBe(120);
    const first = stateCounts.map((r) => r.first!.getTime()).sort()[0]!;
    expect(seededAt.getTime() - first).toBeLessThan(185 * 86_400_000);
    expect(seededAt.getTime() - first).toBeGreaterThan(150 * 86_400_000);
    // Most are closed and rated; some are still at the station, with a unit, or past their deadline.
    expect(n((r) => r.closed)).toBeGreaterThan(60);
    expect(n((r) => r.closed, ["closed"])).toBe(n((r) => r.n, ["closed"]));
    expect(n((r) => r.rated, ["closed"])).toBeGreaterThan(60);
    const beforeUnit = ["registered", "stationReview", "groupReview", "assignment", "acceptance"];
    expect(n((r) => r.n, beforeUnit)).toBeGreaterThan(0);
    expect(n((r) => r.n, ["handling"])).toBeGreaterThan(0);
    expect(n((r) => r.n, ["supervised"])).toBeGreaterThan(0);
    expect(n((r) => r.overdue)).toBeGreaterThan(n((r) => r.n, ["supervised"]));
    expect(n((r) => r.unit)).toBeGreaterThan(80);
    const ratings = await inCounty((tx) =>
      tx.select({ satisfaction: cases.satisfaction, n: count() }).from(cases).groupBy(cases.satisfaction),
    );
    const rated = (level: string) => ratings.find((r) => r.satisfaction === level)?.n ?? 0;
    expect(rated("satisfied")).toBeGreaterThan(rated("basic"));
    expect(rated("basic")).toBeGreaterThan(rated("unsatisfied"));
    // 不满意 and redone: the case went back to handling and was rated again.
    const redone = await inCounty((tx) =>
      tx
        .select({ n: countDistinct(caseEvents.caseId) })
        .from(caseEvents)
        .where(and(eq(caseEvents.type, "RATE"), eq(caseEvents.toState, "handling"))),
    );
    expect(redone[0]!.n).toBeGreaterThan(0);
    const fired = await inCounty((tx) =>
      tx.select({ n: count() }).from(caseEvents).where(eq(caseEvents.type, "OVERDUE")),
    );
    expect(fired[0]!.n).toBe(n((r) => r.overdue));
  });

  it("gives every demo staff account work on its desk (待我办理)", async () => {
    const desks: Record<string, number> = {};
    for (const user of demoUsers.filter((u) => u.role !== "platform_operator")) {
      const signedIn = await signIn(t.db, { username: user.username, password: DEMO_PASSWORD }, browser, new Date());
      if (!signedIn.ok) throw new Error(`${user.username} cannot sign in`);
      const { actor } = (await loadActor(t.db, signedIn.token, new Date()))!;
      desks[user.username] = (
        await inCounty((tx) => listCases(tx, { actor, ip: null, clock: systemClock }, { view: "mine" }))
      ).total;
    }
    expect(Object.entries(desks).filter(([, onDesk]) => onDesk === 0)).toEqual([]);
  });

  it("gives each staff account a home: its desk by urgency, and the deputy his stations, posts and ledger", async () => {
    for (const user of demoUsers.filter((u) => u.role !== "platform_operator")) {
      const signedIn = await signIn(t.db, { username: user.username, password: DEMO_PASSWORD }, browser, seededAt);
      if (!signedIn.ok) throw new Error(`${user.username} cannot sign in`);
      const { actor } = (await loadActor(t.db, signedIn.token, seededAt))!;
      const ctx = { actor, ip: null, clock: new ManualClock(seededAt) };
      const desk = await inCounty((tx) => getMyDesk(tx, ctx));
      const workbench = (deadline?: string) =>
        inCounty(async (tx) => (await listCases(tx, ctx, { view: "mine", deadline })).total);
      expect(desk.counts, user.username).toEqual({
        total: await workbench(),
        overdue: await workbench("overdue"),
        warning: await workbench("warning"),
      });
      expect(desk.cases.length, user.username).toBe(Math.min(6, desk.counts.total));
      expect(desk.deputy === null, user.username).toBe(user.role !== "deputy");
      expect(desk.liaisonStations.length > 0, user.username).toBe(user.role === "station_liaison");
    }
    const deputy = demoUsers.find((u) => u.role === "deputy")!;
    const signedIn = await signIn(t.db, { username: deputy.username, password: DEMO_PASSWORD }, browser, seededAt);
    const { actor } = (await loadActor(t.db, signedIn.ok ? signedIn.token : "", seededAt))!;
    const { deputy: service } = await inCounty((tx) =>
      getMyDesk(tx, { actor, ip: null, clock: new ManualClock(seededAt) }),
    );
    const [record] = await inCounty((tx) =>
      tx.select({ id: deputies.id }).from(deputies).where(eq(deputies.userId, actor.userId)),
    );
    expect(service!.deputy!.id).toBe(record!.id);
    expect(service!.stations.length).toBe(await rows(deputyStations, eq(deputyStations.deputyId, record!.id)));
    expect(service!.stations.length).toBeGreaterThan(0);
    const yearStart = `${localDateOf(seededAt).slice(0, 4)}-01-01`;
    const [thisYear] = await inCounty((tx) =>
      tx
        .select({ n: count() })
        .from(activityDeputies)
        .innerJoin(activities, eq(activities.id, activityDeputies.activityId))
        .where(and(eq(activityDeputies.deputyId, record!.id), gte(activities.day, yearStart))),
    );
    expect(service!.ledger.entries).toBe(thisYear!.n);
  });

  it("seeds only once", async () => {
    expect(await seedDemo(t.db, systemClock)).toBeNull();
  });
});
