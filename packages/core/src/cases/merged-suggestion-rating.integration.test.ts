import { cases, deputies, deputyStations, handlingUnits, stations, stationTypes, townships, users } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { NotFoundError } from "../shared/errors";
import { memberOf, responderOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { actOnCase } from "./act-on-case";
import { getCase } from "./get-case";
import { listCases } from "./list-cases";
import { mergeIntoSuggestion } from "./merge-into-suggestion";
import { registerOpinion } from "./register-opinion";

describe.each(testDrivers())("a suggestion merged from two stations on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  const town: string[] = [];
  const station: string[] = [];
  /** The users of the deputies stationed at each station, and of one stationed at neither. */
  const deputyUser: string[] = [];
  let unitId: string;
  const now = systemClock.now();
  const ctx = (actor: ReturnType<typeof memberOf>) => ({ actor, ip: null, clock: systemClock });
  const deputy = (i: number) => ctx({ ...memberOf(tenantId, "deputy"), userId: deputyUser[i]! });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const caseRow = async (caseId: string) =>
    (await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId))))[0]!;
  const act = async (who: ReturnType<typeof ctx>, caseId: string, event: string, data: Record<string, unknown>) => {
    const { seq } = await caseRow(caseId);
    return inCounty((tx) => actOnCase(tx, who, { caseId, event, data, expectedSeq: seq }, now));
  };

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    for (const name of ["韦建国", "黄秀英", "陆志强"]) {
      const [user] = await t.db.withoutTenant((tx) =>
        tx
          .insert(users)
          .values({ username: `deputy-${name}`, displayName: name, homeTenantId: tenantId })
          .returning(),
      );
      deputyUser.push(user!.id);
    }
    await inCounty(async (tx) => {
      town.push(...(await tx.select({ id: townships.id }).from(townships).limit(3)).map((r) => r.id));
      const [type] = await tx.select({ id: stationTypes.id }).from(stationTypes).limit(1);
      for (const [i, townshipId] of town.entries()) {
        const [made] = await tx
          .insert(stations)
          .values({ stationTypeId: type!.id, townshipId, name: `联络站${i}`, code: `M8P9Q${i + 2}` })
          .returning({ id: stations.id });
        station.push(made!.id);
        const [person] = await tx
          .insert(deputies)
          .values({ name: `代表${i}`, level: "county", townshipId, userId: deputyUser[i] })
          .returning({ id: deputies.id });
        await tx.insert(deputyStations).values({ deputyId: person!.id, stationId: made!.id });
      }
      const [unit] = await tx.insert(handlingUnits).values({ name: "区住建局" }).returning({ id: handlingUnits.id });
      unitId = unit!.id;
    });
  });
  afterAll(() => t.drop());

  it("names the deputies of both stations, who rate it; it closes", async () => {
    const liaison = ctx(memberOf(tenantId, "station_liaison", town));
    const admin = ctx(memberOf(tenantId, "county_admin"));
    const opinions: string[] = [];
    for (const i of [0, 1]) {
      const input = { stationId: station[i], content: `第${i + 1}村反映路灯损坏`, category: "urbanConstruction" };
      const { caseId } = await inCounty((tx) =>
        registerOpinion(
          tx,
          liaison,
          { ...input, channel: "reception" },
          [],
          new StagedFiles("/tmp/rdlink-test-files"),
          now,
        ),
      );
      await act(liaison, caseId, "SUBMIT_REVIEW", { summary: "路灯" });
      await act(liaison, caseId, "ESCALATE", { issueScope: "common" });
      opinions.push(caseId);
    }
    const content = "两个镇反映路灯损坏，建议统一排查更换";
    const { suggestionId } = await inCounty((tx) =>
      mergeIntoSuggestion(tx, admin, { caseIds: opinions, content }, now),
    );
    const merged = await caseRow(suggestionId);
    expect(merged.stationId).toBeNull();

    await act(admin, suggestionId, "ASSIGN", { handlingUnit: unitId, keySupervision: false });
    await act(ctx(responderOf(tenantId, unitId)), suggestionId, "ACCEPT", {});
    await act(ctx(responderOf(tenantId, unitId)), suggestionId, "CONSULT", {
      consultedOn: "2026-03-20",
      consultationForm: "phone",
      consultationMinutes: "电话征求两位代表意见",
    });
    await act(ctx(responderOf(tenantId, unitId)), suggestionId, "REPLY", {
      replyContent: "已统一排查更换",
      answerClass: "A",
    });
    expect((await caseRow(suggestionId)).state).toBe("evaluation");

    // On the desks of the deputies of both stations, and nobody else's.
    for (const i of [0, 1]) {
      const desk = await inCounty((tx) => listCases(tx, deputy(i), { view: "mine" }, now));
      expect(desk.cases.map((c) => c.id)).toContain(suggestionId);
    }
    await expect(inCounty((tx) => getCase(tx, deputy(2), suggestionId))).rejects.toBeInstanceOf(NotFoundError);

    const page = await inCounty((tx) => getCase(tx, deputy(1), suggestionId));
    expect(page.actions.map((a) => a.event)).toEqual(["RATE"]);
    await act(deputy(1), suggestionId, "RATE", { satisfaction: "satisfied" });
    expect(await caseRow(suggestionId)).toMatchObject({ state: "closed", satisfaction: "satisfied" });
  });
});
