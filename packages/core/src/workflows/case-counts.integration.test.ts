import type { Actor } from "@rdlink/auth";
import { cases, handlingUnits, workflows } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { mergeIntoSuggestion } from "../cases/merge-into-suggestion";
import { registerOpinion } from "../cases/register-opinion";
import { ManualClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { getCountyFigures } from "../stats/get-county-figures";
import { memberOf, realMemberOf, responderOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { getWorkflow } from "./get-workflow";
import { listWorkflows } from "./list-workflows";

/**
 * 在办 and 办结 are one definition (cases/case-progress.ts): the dashboard's figures for a
 * process, the workflow list and the designer's versions tab give the same numbers for the same
 * cases — one only registered, one answered and rated (a closing state that is not final), two
 * merged into a suggestion (which close in the suggestion, not as opinions).
 */
describe.each(testDrivers())("在办 and 办结 counted alike everywhere, on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let admin: Actor;
  const clock = new ManualClock(new Date("2026-03-02T01:00:00Z"));
  const ctx = (actor: Actor) => ({ actor, ip: null, clock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107", clock);
    tenantId = county.tenantId;
    admin = county.admin;
  });
  afterAll(() => t.drop());

  it("gives the dashboard, the workflow list and the versions tab the same 在办 and 办结", async () => {
    const { townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "CNT5T7"));
    const liaison = await realMemberOf(t.db, tenantId, "station_liaison", [townshipId]);
    const operator = memberOf(tenantId, "township_operator", [townshipId]);
    const unitId = await inCounty(async (tx) => {
      const [unit] = await tx.insert(handlingUnits).values({ name: "区水利局" }).returning({ id: handlingUnits.id });
      return unit!.id;
    });
    const responder = responderOf(tenantId, unitId);
    const opinion = async (content: string) =>
      (
        await inCounty((tx) =>
          registerOpinion(
            tx,
            ctx(liaison),
            { stationId, content, category: "urbanConstruction", channel: "reception" },
            [],
            new StagedFiles("/tmp/rdlink-test-files"),
          ),
        )
      ).caseId;
    const act = async (actor: Actor, caseId: string, event: string, data: Record<string, unknown> = {}) => {
      const [{ seq }] = (await inCounty((tx) =>
        tx.select({ seq: cases.seq }).from(cases).where(eq(cases.id, caseId)),
      )) as [{ seq: number }];
      await inCounty((tx) => actOnCase(tx, ctx(actor), { caseId, event, data, expectedSeq: seq }));
    };

    await opinion("河堤护栏松动，存在安全隐患");
    const answered = await opinion("排水沟堵塞，雨天积水严重");
    await act(liaison, answered, "SUBMIT_REVIEW", { summary: "排水沟" });
    await act(liaison, answered, "HAND_OVER", { issueScope: "individual" });
    await act(operator, answered, "ASSIGN", { handlingUnit: unitId });
    await act(responder, answered, "ACCEPT");
    await act(responder, answered, "REPLY", { replyContent: "已清淤" });
    await act(liaison, answered, "RATE", { satisfaction: "satisfied" });
    const merged = [await opinion("村口路灯不亮已经一个月"), await opinion("多处路灯损坏无人维修")];
    for (const caseId of merged) {
      await act(liaison, caseId, "SUBMIT_REVIEW", { summary: "路灯" });
      await act(liaison, caseId, "ESCALATE", { issueScope: "common" });
    }
    await inCounty((tx) =>
      mergeIntoSuggestion(tx, ctx(operator), { caseIds: merged, content: "建议统一排查更换全镇路灯" }),
    );

    const [rated] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, answered)));
    // Answered and rated: closed for the figures, yet not in a final state (回头看 may follow).
    expect(rated).toMatchObject({ status: "active" });
    expect(rated!.closedAt).not.toBeNull();

    const opinionWorkflowId = (
      await inCounty((tx) => tx.select({ id: workflows.id }).from(workflows).where(eq(workflows.key, "citizenOpinion")))
    )[0]!.id;
    const dashboard = await inCounty((tx) =>
      getCountyFigures(tx, ctx(admin), { from: "2026-01-01", to: "2026-12-31" }, clock.now()),
    );
    const fromDashboard = dashboard.processes.find((p) => p.kind === "opinion")!;
    const fromList = (await inCounty((tx) => listWorkflows(tx, ctx(admin)))).find((w) => w.id === opinionWorkflowId)!;
    const fromVersions = (await inCounty((tx) => getWorkflow(tx, ctx(admin), opinionWorkflowId))).versions;

    expect({ open: fromDashboard.open, closed: fromDashboard.closed }).toEqual({ open: 1, closed: 1 });
    expect(fromList.runningCases).toBe(fromDashboard.open);
    expect(fromVersions.reduce((sum, v) => sum + v.runningCases, 0)).toBe(fromDashboard.open);
    expect(fromVersions.reduce((sum, v) => sum + v.doneCases, 0)).toBe(fromDashboard.closed);
  });
});
