import { randomUUID } from "node:crypto";
import { cases, handlingUnits, outbox, workflows } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { localDateOf, type TWorkflowDefinitionInput, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { assignCases } from "../cases/assign-cases";
import { getCase } from "../cases/get-case";
import { mergeIntoSuggestion } from "../cases/merge-into-suggestion";
import { rateCase } from "../cases/rate-case";
import { registerOpinion } from "../cases/register-opinion";
import { systemClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { getCountyFigures } from "../stats/get-county-figures";
import { memberOf, responderOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { createWorkflow } from "./create-workflow";
import { importWorkflowDefinition } from "./import-workflow-definition";
import { publishWorkflow } from "./publish-workflow";

/**
 * A county's copy of a template with every state id and event name replaced, as a county
 * renaming everything in the designer would leave it. Returns the copy and the new names.
 */
function renameEverything(template: TWorkflowDefinitionInput, prefix: string) {
  const definition = structuredClone(template);
  const stateIds = Object.keys(definition.states);
  const events = new Set<string>();
  for (const state of Object.values(definition.states)) {
    for (const t of state.transitions ?? []) events.add(t.event);
    for (const d of state.deadlines ?? []) for (const rung of d.ladder) if (rung.event) events.add(rung.event);
  }
  const stateName = new Map(stateIds.map((id, i) => [id, `${prefix}Huanjie${i + 1}`]));
  const eventName = new Map([...events].map((event, i) => [event, `${prefix.toUpperCase()}_SHIJIAN_${i + 1}`]));
  definition.initial = stateName.get(definition.initial)!;
  definition.states = Object.fromEntries(
    Object.entries(definition.states).map(([id, state]) => [
      stateName.get(id)!,
      {
        ...state,
        transitions: (state.transitions ?? []).map((t) => ({
          ...t,
          event: eventName.get(t.event)!,
          target: stateName.get(t.target)!,
        })),
        deadlines: (state.deadlines ?? []).map((d) => ({
          ...d,
          ladder: d.ladder.map((rung) => (rung.event ? { ...rung, event: eventName.get(rung.event)! } : rung)),
        })),
      },
    ]),
  );
  return {
    definition,
    state: (id: string) => stateName.get(id)!,
    event: (name: string) => eventName.get(name)!,
  };
}

const template = (key: string) => WORKFLOW_TEMPLATES.find((t) => t.key === key)!;

describe.each(testDrivers())("workflows with every state and event renamed on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  let stationId: string;
  let units: string[];
  const opinion = renameEverything(template("citizenOpinion"), "yj");
  const suggestion = renameEverything(template("deputySuggestion"), "jy");
  const now = systemClock.now();
  const ctx = (actor: ReturnType<typeof memberOf>) => ({ actor, ip: null, clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const admin = () => ctx(memberOf(tenantId, "county_admin"));
  const liaison = () => ctx(memberOf(tenantId, "station_liaison", [townshipId]));
  const operator = () => ctx(memberOf(tenantId, "township_operator", [townshipId]));
  const caseRow = async (caseId: string) =>
    (await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId))))[0]!;
  const act = async (who: ReturnType<typeof ctx>, caseId: string, event: string, data: Record<string, unknown>) => {
    const { seq } = await caseRow(caseId);
    return inCounty((tx) => actOnCase(tx, who, { caseId, event, data, expectedSeq: seq }, now));
  };
  const register = (content: string) =>
    inCounty((tx) =>
      registerOpinion(
        tx,
        liaison(),
        { stationId, content, category: "urbanConstruction", channel: "reception" },
        [],
        new StagedFiles("/tmp/rdlink-test-files"),
        now,
      ),
    );
  /** A registered opinion reviewed and sent on by the station with the (renamed) `event`. */
  const sentOn = async (content: string, event: "HAND_OVER" | "ESCALATE", issueScope: string) => {
    const { caseId, trackingCode } = await register(content);
    await act(liaison(), caseId, opinion.event("SUBMIT_REVIEW"), { summary: content });
    await act(liaison(), caseId, opinion.event(event), { issueScope });
    return { caseId, trackingCode };
  };

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "450107");
    tenantId = county.tenantId;
    const countyAdmin = { actor: county.admin, ip: null, clock: systemClock };
    await inCounty(async (tx) => {
      ({ townshipId, stationId } = await addTestStation(tx, "R3N4M5"));
      const rows = await tx
        .insert(handlingUnits)
        .values([{ name: "区住建局" }, { name: "区交通局" }])
        .returning({ id: handlingUnits.id });
      units = rows.map((u) => u.id);
      // The county's own copies replace the shipped workflows, which it archives.
      for (const [copy, name] of [
        [opinion, "民意办理"],
        [suggestion, "建议办理"],
      ] as const) {
        const created = await createWorkflow(tx, countyAdmin, { template: "empty", name });
        const text = JSON.stringify({ ...copy.definition, key: created.key, name: { "zh-CN": name } });
        await importWorkflowDefinition(tx, countyAdmin, { workflowId: created.id, baseRevision: 1, text });
        await publishWorkflow(tx, countyAdmin, { workflowId: created.id });
      }
      await tx
        .update(workflows)
        .set({ archivedAt: now })
        .where(and(eq(workflows.tenantId, tenantId), inArray(workflows.key, ["citizenOpinion", "deputySuggestion"])));
    });
  });
  afterAll(() => t.drop());

  it("registers an opinion on the county's copy, found by its kind", async () => {
    const { caseId } = await register("村口路灯坏了三个月");
    expect((await caseRow(caseId)).state).toBe(opinion.state("registered"));
  });

  it("assigns several cases to one unit at once (bulk 交办)", async () => {
    const first = await sentOn("小区雨污管道堵塞", "HAND_OVER", "individual");
    const second = await sentOn("小区路面破损", "HAND_OVER", "individual");
    const result = await inCounty((tx) =>
      assignCases(tx, operator(), { caseIds: [first.caseId, second.caseId], handlingUnit: units[0] }, now),
    );
    expect(result).toEqual({ assigned: 2 });
    for (const { caseId } of [first, second]) {
      expect(await caseRow(caseId)).toMatchObject({ state: opinion.state("acceptance"), handlingUnitId: units[0] });
    }
  });

  it("merges two opinions into a suggestion on the county's suggestion workflow (整合)", async () => {
    const first = await sentOn("多个村路灯损坏", "ESCALATE", "common");
    const second = await sentOn("路灯损坏无人修", "ESCALATE", "common");
    const content = "多个村反映路灯损坏，建议统一排查更换";
    const { suggestionId } = await inCounty((tx) =>
      mergeIntoSuggestion(tx, operator(), { caseIds: [first.caseId, second.caseId], content }, now),
    );
    expect((await caseRow(suggestionId)).state).toBe(suggestion.state("assignment"));
    for (const { caseId } of [first, second]) {
      expect(await caseRow(caseId)).toMatchObject({ state: opinion.state("merged"), mergedIntoId: suggestionId });
      const told = await inCounty((tx) => tx.select().from(outbox).where(eq(outbox.caseId, caseId)));
      expect(told.map((m) => m.payload)).toContainEqual({ to: "submitter", template: "case.merged" });
    }
  });

  it("lets a co-handling unit answer, and records the citizen's rating and the figures", async () => {
    const lead = ctx(responderOf(tenantId, units[0]!));
    const co = ctx(responderOf(tenantId, units[1]!));
    const { caseId, trackingCode } = await sentOn("公交站台缺少遮雨棚", "HAND_OVER", "individual");
    await act(operator(), caseId, opinion.event("ASSIGN"), { handlingUnit: units[0] });
    await act(lead, caseId, opinion.event("ACCEPT"), {});
    await act(operator(), caseId, opinion.event("SET_CO_UNITS"), { coHandlingUnits: units[1] });
    expect(await caseRow(caseId)).toMatchObject({ coHandlingUnitIds: [units[1]] });

    const seen = await inCounty((tx) => getCase(tx, co, caseId));
    expect(seen.actions.map((a) => a.event)).toEqual([opinion.event("CO_REPLY")]);
    expect(seen.actions[0]!.form.map((f) => f.key)).toEqual(["coReply"]);
    await expect(act(lead, caseId, opinion.event("CO_REPLY"), { coReply: "越权" })).rejects.toMatchObject({
      formError: "errors.eventNotPermitted",
    });
    await act(co, caseId, opinion.event("CO_REPLY"), { coReply: "交通局配合" });
    await act(lead, caseId, opinion.event("REPLY"), { replyContent: "已会同交通局修复" });
    expect((await caseRow(caseId)).state).toBe(opinion.state("replied"));

    const before = await inCounty((tx) =>
      getCountyFigures(tx, admin(), { from: localDateOf(now), to: localDateOf(now) }, now),
    );
    const { seq } = await caseRow(caseId);
    const rating = { expectedSeq: seq, idempotencyKey: randomUUID(), data: { satisfaction: "basic" } };
    const rated = await t.db.withoutTenant((tx) => rateCase(tx, trackingCode, rating, now));
    expect(rated.state).toBe(opinion.state("closed"));
    expect(await caseRow(caseId)).toMatchObject({ satisfaction: "basic", state: opinion.state("closed") });
    const after = await inCounty((tx) =>
      getCountyFigures(tx, admin(), { from: localDateOf(now), to: localDateOf(now) }, now),
    );
    expect(after.total.basic - before.total.basic).toBe(1);
    expect(after.total.rated - before.total.rated).toBe(1);
    expect(after.total.closed - before.total.closed).toBe(1);
  });
});
