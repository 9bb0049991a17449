import {
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
  workflowVersions,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase } from "@rdlink/db/testing";
import { startCase as startOnRuntime } from "@rdlink/workflow";
import { and, asc, eq } from "drizzle-orm";
import { actOnCase } from "../cases/act-on-case";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import { systemClock } from "../clock";
import type { UseCaseContext } from "../shared/context";
import { onboardTestCounty } from "../testing/counties";

/** Monday 2026-11-02 09:00 in Asia/Shanghai. */
export const MONDAY = new Date("2026-11-02T01:00:00Z");

/**
 * The county the notification tests share (one database per test file): two townships, a station
 * in the first with its liaison officer and a deputy, two handling units, and one person per
 * role, each a real user with a real membership. Call `setUp` in `beforeAll` and `drop` after.
 */
export function notificationTestCounty(driver: Parameters<typeof createTestDatabase>[0]) {
  let t: TestDatabase;
  let tenantId: string;
  let townshipA: string;
  let townshipB: string;
  let stationA: string;
  let unit1: string;
  let unit2: string;
  let deputyAtStation: string;
  let deputyElsewhere: string;
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

  async function setUp() {
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
        // Found by what it is about, not by its key (a county may rename that).
        .where(and(eq(workflowVersions.tenantId, tenantId), eq(workflowVersions.kind, "opinion")));
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
      const [elsewhere] = await tx
        .insert(deputies)
        .values({ tenantId, name: "黄代表", level: "county", townshipId: townshipB, userId: id("deputyElsewhere") })
        .returning();
      deputyAtStation = deputy!.id;
      deputyElsewhere = elsewhere!.id;
    });
    return { t, tenantId, townshipA, townshipB, stationA, unit1, unit2, deputyAtStation, deputyElsewhere };
  }

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

  // As the case page's action: the step ends its transaction, and its statement carries the COMMIT.
  const act = (who: string, caseId: string, event: string, data: Record<string, unknown>, at = MONDAY) =>
    t.db.withTenant(
      tenantId,
      async (tx) => {
        const [row] = await tx
          .select({ seq: cases.seq })
          .from(cases)
          .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
        return actOnCase(tx, people[who]!, { caseId, event, data, expectedSeq: row!.seq }, at);
      },
      { endsWithLastStatement: true },
    );

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

  return {
    setUp,
    drop: () => t.drop(),
    people,
    id,
    inCounty,
    openCase,
    act,
    assignedCase,
    messagesOf,
    notified,
    names,
  };
}
