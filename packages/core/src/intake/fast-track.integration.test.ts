import { randomUUID } from "node:crypto";
import { cases, handlingUnits, stations, stationTypes, townships, workflows } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { type TWorkflowDefinition, type TWorkflowDefinitionInput, ZWorkflowDefinition } from "@rdlink/workflow";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { rateCase } from "../cases/rate-case";
import { systemClock } from "../clock";
import type { ValidationError } from "../shared/errors";
import { updateStationType } from "../station-types/update-station-type";
import { memberOf, responderOf } from "../testing/actors";
import { onboardTestCounty, type TestCounty } from "../testing/counties";
import { solvedChallenge, TEST_INTAKE_SECRET } from "../testing/proof-of-work";
import { createWorkflow } from "../workflows/create-workflow";
import { publishWorkflow } from "../workflows/publish-workflow";
import { saveWorkflowDraft } from "../workflows/save-workflow-draft";
import { submitPublicOpinion } from "./submit-public-opinion";

// ALTCHA checks a challenge's expiry against the real clock, so these are real times.
const submittedAt = new Date();

const solved = () => solvedChallenge(new Date(submittedAt.getTime() - 60_000));

/**
 * A copy of the county's opinion workflow with a 随手拍 fast track added in the designer: an automatic
 * transition out of 登记, taken when the public form's 问题类别 is 随手拍, hands the case to
 * 城管 with a 24-hour limit; every other category is reviewed at the station as before.
 */
function withFastTrack(definition: TWorkflowDefinition, unitId: string): TWorkflowDefinitionInput {
  const registered = definition.states[definition.initial]!;
  return {
    ...definition,
    states: {
      ...definition.states,
      [definition.initial]: {
        ...registered,
        transitions: [
          {
            event: "QUICK_SNAP",
            label: { "zh-CN": "随手拍直派" },
            target: "quickFix",
            roles: ["system"],
            auto: true,
            guard: { type: "fieldEquals", params: { field: "category", value: "quickSnap" } },
            actions: [{ type: "assignUnit", params: { unit: unitId } }],
          },
          ...registered.transitions,
        ],
      },
      quickFix: {
        label: { "zh-CN": "随手拍快办" },
        kind: "task",
        assignee: { role: "handling_unit_responder", scope: "handlingUnit" },
        form: [{ key: "replyContent", label: { "zh-CN": "答复内容" }, type: "longText", required: true }],
        deadlines: [
          {
            id: "quick",
            label: { "zh-CN": "快办时限" },
            duration: { amount: 24, unit: "hours" },
            ladder: [
              {
                id: "due",
                label: { "zh-CN": "到期" },
                atPercent: 100,
                notify: { to: "county_admin", template: "case.deadline.due" },
              },
            ],
          },
        ],
        transitions: [
          {
            event: "REPLY",
            label: { "zh-CN": "答复" },
            target: "replied",
            roles: ["handling_unit_responder"],
          },
        ],
      },
    },
  };
}

describe.each(testDrivers())("a station type whose QR codes start a 随手拍 fast track, on %s", (driver) => {
  let t: TestDatabase;
  let county: TestCounty;
  let workflowId: string;
  let cityUnit: string;
  let townshipId: string;
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(county.tenantId, work);
  const ctx = (actor: ReturnType<typeof memberOf>) => ({ actor, ip: null, clock: systemClock });
  const submit = async (category: string) =>
    submitPublicOpinion(t.db, "450107-F4S7T2", {
      photos: [],
      intakeKey: randomUUID(),
      secret: TEST_INTAKE_SECRET,
      filesDirectory: "/tmp/rdlink-test-files",
      now: submittedAt,
      form: { content: "人行道地砖松动，老人容易绊倒", category, altcha: await solved() },
    });
  const caseOf = async (trackingCode: string) =>
    (await inCounty((tx) => tx.select().from(cases).where(eq(cases.trackingCode, trackingCode))))[0]!;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    county = await onboardTestCounty(t.db, "450107");
    await inCounty(async (tx) => {
      const [township] = await tx.select({ id: townships.id }).from(townships).limit(1);
      townshipId = township!.id;
      const [type] = await tx.select({ id: stationTypes.id, name: stationTypes.name }).from(stationTypes).limit(1);
      await tx.insert(stations).values({ stationTypeId: type!.id, townshipId, name: "联络站", code: "F4S7T2" });
      const [unit] = await tx.insert(handlingUnits).values({ name: "区城管局" }).returning({ id: handlingUnits.id });
      cityUnit = unit!.id;
      const admin = { actor: county.admin, ip: null, clock: systemClock };
      // A second opinion workflow, the county's copy with the fast track; the station type's QR codes start it.
      const copy = await createWorkflow(tx, admin, {
        template: "citizenOpinion",
        name: "群众意见建议办理（随手拍快办）",
      });
      workflowId = copy.id;
      const [draft] = await tx
        .select({ draft: workflows.draft, revision: workflows.draftRevision })
        .from(workflows)
        .where(and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, workflowId)));
      // A unit the county does not have is named and refused before anything is published.
      const definition = ZWorkflowDefinition.parse(draft!.draft);
      await saveWorkflowDraft(tx, admin, {
        workflowId,
        baseRevision: draft!.revision,
        definition: withFastTrack(definition, randomUUID()),
      });
      const refused = await publishWorkflow(tx, admin, { workflowId }).catch((e: ValidationError) => e);
      expect((refused as ValidationError).fieldErrors).toEqual({
        "states.registered.transitions[0].actions[0].params.unit": "designer.issues.unknownHandlingUnit",
      });
      await saveWorkflowDraft(tx, admin, {
        workflowId,
        baseRevision: draft!.revision + 1,
        definition: withFastTrack(definition, cityUnit),
      });
      await publishWorkflow(tx, admin, { workflowId });
      // Only an opinion workflow in use can be a station type's: a letter workflow is refused.
      const [letters] = await tx.select({ id: workflows.id }).from(workflows).where(eq(workflows.key, "letterVisit"));
      const wrongKind = await updateStationType(tx, admin, {
        stationTypeId: type!.id,
        name: type!.name,
        intakeWorkflowId: letters!.id,
      }).catch((e: ValidationError) => e);
      expect((wrongKind as ValidationError).fieldErrors).toEqual({
        intakeWorkflowId: "validation.intakeWorkflowInvalid",
      });
      await updateStationType(tx, admin, { stationTypeId: type!.id, name: type!.name, intakeWorkflowId: workflowId });
    });
  });
  afterAll(() => t.drop());

  it("sends 随手拍 straight to 城管 with a 24-hour limit, where it is answered and rated", async () => {
    const { trackingCode } = await submit("quickSnap");
    const row = await caseOf(trackingCode);
    expect(row).toMatchObject({
      workflowId,
      state: "quickFix",
      handlingUnitId: cityUnit,
      category: "quickSnap",
      seq: 1,
    });
    expect(row.dueAt).toEqual(new Date(submittedAt.getTime() + 24 * 3600_000));
    await inCounty((tx) =>
      actOnCase(
        tx,
        ctx(responderOf(county.tenantId, cityUnit)),
        { caseId: row.id, event: "REPLY", data: { replyContent: "已更换地砖" }, expectedSeq: 1 },
        submittedAt,
      ),
    );
    await t.db.withoutTenant((tx) =>
      rateCase(
        tx,
        trackingCode,
        { expectedSeq: 2, idempotencyKey: randomUUID(), data: { satisfaction: "satisfied" } },
        submittedAt,
      ),
    );
    expect(await caseOf(trackingCode)).toMatchObject({ state: "closed", status: "active", satisfaction: "satisfied" });
  });

  it("leaves every other category for the station's review", async () => {
    const { trackingCode } = await submit("transport");
    const row = await caseOf(trackingCode);
    expect(row).toMatchObject({
      workflowId,
      state: "registered",
      handlingUnitId: null,
      assigneeRole: "station_liaison",
    });
    await inCounty((tx) =>
      actOnCase(
        tx,
        ctx(memberOf(county.tenantId, "station_liaison", [townshipId])),
        { caseId: row.id, event: "SUBMIT_REVIEW", data: { summary: "人行道地砖" }, expectedSeq: 1 },
        submittedAt,
      ),
    );
    expect(await caseOf(trackingCode)).toMatchObject({ state: "stationReview" });
  });
});
