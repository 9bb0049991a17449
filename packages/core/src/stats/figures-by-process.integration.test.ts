import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { localDateOf } from "@rdlink/workflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { mergeIntoSuggestion } from "../cases/merge-into-suggestion";
import { registerOpinion } from "../cases/register-opinion";
import { startCase } from "../cases/start-case";
import { systemClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { memberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { getCountyFigures } from "./get-county-figures";

describe.each(testDrivers())("figures by process on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  let stationId: string;
  const now = systemClock.now();
  const ctx = (actor: ReturnType<typeof memberOf>) => ({ actor, ip: null, clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    ({ townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "F4G5H6")));
  });
  afterAll(() => t.drop());

  it("counts each opinion once, a merged suggestion not again, and every process on its own", async () => {
    const liaison = ctx(memberOf(tenantId, "station_liaison", [townshipId]));
    const operator = ctx(memberOf(tenantId, "township_operator", [townshipId]));
    const opinions = [];
    for (const content of ["路灯不亮已经三个月", "路灯损坏无人维修", "小区垃圾清运不及时"]) {
      const input = { stationId, content, category: "urbanConstruction", channel: "reception" };
      opinions.push(
        await inCounty((tx) => registerOpinion(tx, liaison, input, [], new StagedFiles("/tmp/rdlink-test-files"), now)),
      );
    }
    for (const { caseId } of opinions.slice(0, 2)) {
      await inCounty((tx) =>
        actOnCase(tx, liaison, { caseId, event: "SUBMIT_REVIEW", data: { summary: "路灯" }, expectedSeq: 1 }, now),
      );
      await inCounty((tx) =>
        actOnCase(tx, liaison, { caseId, event: "ESCALATE", data: { issueScope: "common" }, expectedSeq: 2 }, now),
      );
    }
    const content = "多个村反映路灯损坏，建议统一排查更换";
    const caseIds = opinions.slice(0, 2).map((o) => o.caseId);
    await inCounty((tx) => mergeIntoSuggestion(tx, operator, { caseIds, content }, now));
    await inCounty((tx) =>
      startCase(tx, ctx(memberOf(tenantId, "county_admin")), { workflowKey: "disputeMediation", townshipId }, now),
    );

    const today = localDateOf(now);
    const figures = await inCounty((tx) =>
      getCountyFigures(tx, ctx(memberOf(tenantId, "county_admin")), { from: today, to: today }, now),
    );
    // Counted by hand: three opinions received; the two merged go on in the suggestion, which
    // is not received again; nothing is closed; the third opinion and the suggestion are open.
    expect(figures.total).toMatchObject({ received: 3, closed: 0, open: 2 });
    expect(figures.months).toEqual([{ month: today.slice(0, 7), received: 3, closed: 0, peopleReceived: 0 }]);
    expect(figures.processes).toEqual([
      { kind: "opinion", received: 3, open: 1, closed: 0 },
      { kind: "suggestion", received: 1, open: 1, closed: 0 },
      { kind: "mediation", received: 1, open: 1, closed: 0 },
    ]);
  });
});
