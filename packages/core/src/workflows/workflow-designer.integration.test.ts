import { auditLog, workflows } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { citizenOpinion } from "@rdlink/workflow/templates/citizen-opinion";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCase } from "../cases/start-case";
import { type Clock, systemClock } from "../clock";
import { ConflictError, ValidationError } from "../shared/errors";
import { memberOf, realMemberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { createWorkflow } from "./create-workflow";
import { getWorkflow } from "./get-workflow";
import { importWorkflowDefinition } from "./import-workflow-definition";
import { listWorkflows } from "./list-workflows";
import { publishWorkflow } from "./publish-workflow";
import { saveWorkflowDraft } from "./save-workflow-draft";

describe.each(testDrivers())("the designer's use cases on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let admin: { actor: Awaited<ReturnType<typeof realMemberOf>>; ip: null; clock: Clock };
  let otherAdmin: typeof admin;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ({ tenantId } = await onboardTestCounty(t.db, "320582"));
    admin = { actor: await realMemberOf(t.db, tenantId, "county_admin"), ip: null, clock: systemClock };
    otherAdmin = { actor: await realMemberOf(t.db, tenantId, "county_admin"), ip: null, clock: systemClock };
  });
  afterAll(() => t.drop());

  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const auditRows = (workflowId: string, action: string) =>
    inCounty((tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.objectId, workflowId), eq(auditLog.action, action))),
    );

  it("creates workflows from a template or empty, each under a key of its own", async () => {
    const fromTemplate = await inCounty((tx) =>
      createWorkflow(tx, admin, { template: "citizenOpinion", name: "群众意见建议办理（试点）" }),
    );
    expect(fromTemplate.key).toBe("citizenOpinion_2"); // the installed one keeps `citizenOpinion`
    const empty = await inCounty((tx) => createWorkflow(tx, admin, { template: "empty", name: "信访件办理（试行）" }));
    expect(empty.key).toBe("workflow");

    const { workflow, versions, published } = await inCounty((tx) => getWorkflow(tx, admin, fromTemplate.id));
    expect(workflow.draft).toMatchObject({ key: "citizenOpinion_2", name: { "zh-CN": "群众意见建议办理（试点）" } });
    expect(versions).toEqual([]);
    expect(published).toBeNull();

    const list = await inCounty((tx) => listWorkflows(tx, admin));
    expect(list.map((w) => w.name["zh-CN"])).toContain("信访件办理（试行）");
    expect(list.find((w) => w.key === "citizenOpinion")).toMatchObject({ latestVersion: 1, runningCases: 0 });
  });

  it("refuses a bad template or a blank name, writing nothing", async () => {
    const before = await inCounty((tx) => tx.select().from(workflows));
    const error = await inCounty((tx) => createWorkflow(tx, admin, { template: "rm -rf", name: " " })).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({
      template: "validation.invalidOption",
      name: "validation.required",
    });
    expect(await inCounty((tx) => tx.select().from(workflows))).toHaveLength(before.length);
  });

  it("audits the start of an editing session, not every autosave", async () => {
    const { id } = await inCounty((tx) => createWorkflow(tx, admin, { template: "empty", name: "自动保存" }));
    const { workflow } = await inCounty((tx) => getWorkflow(tx, admin, id));
    const start = new Date();
    const save = (who: typeof admin, baseRevision: number, minutes: number) =>
      inCounty((tx) =>
        saveWorkflowDraft(
          tx,
          who,
          { workflowId: id, baseRevision, definition: workflow.draft },
          new Date(start.getTime() + minutes * 60_000),
        ),
      );
    for (let revision = 1; revision <= 5; revision++) await save(admin, revision, revision * 0.05);
    expect(await auditRows(id, "workflow.draft_saved")).toHaveLength(0); // the creator kept on editing
    await save(otherAdmin, 6, 1);
    await save(otherAdmin, 7, 1.1);
    expect(await auditRows(id, "workflow.draft_saved")).toHaveLength(1);
    await save(otherAdmin, 8, 45); // back after a pause
    expect(await auditRows(id, "workflow.draft_saved")).toHaveLength(2);
    const stale = await save(admin, 8, 46).catch((e) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).values).toEqual({ revision: "9" });
  });

  it("imports a valid file as the draft; a malformed one lists its problems and changes nothing", async () => {
    const { id } = await inCounty((tx) => createWorkflow(tx, admin, { template: "empty", name: "导入" }));
    const before = (await inCounty((tx) => getWorkflow(tx, admin, id))).workflow;

    const broken = structuredClone(citizenOpinion) as Record<string, any>;
    broken.schemaVersion = 7;
    broken.states.registered.kind = "meeting";
    for (const text of ["{ not json", JSON.stringify(broken)]) {
      const error = await inCounty((tx) =>
        importWorkflowDefinition(tx, admin, { workflowId: id, baseRevision: 1, text }),
      ).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).formError).toBe("errors.importInvalid");
    }
    const schemaError = await inCounty((tx) =>
      importWorkflowDefinition(tx, admin, { workflowId: id, baseRevision: 1, text: JSON.stringify(broken) }),
    ).catch((e: ValidationError) => e.fieldErrors);
    expect(schemaError).toMatchObject({
      schemaVersion: "designer.issues.jsonSchema",
      "states.registered.kind": "designer.issues.jsonSchema",
    });
    const unreachable = structuredClone(citizenOpinion) as Record<string, any>;
    unreachable.states.orphan = { label: { "zh-CN": "孤立" }, kind: "final" };
    const meaningError = await inCounty((tx) =>
      importWorkflowDefinition(tx, admin, { workflowId: id, baseRevision: 1, text: JSON.stringify(unreachable) }),
    ).catch((e: ValidationError) => e.fieldErrors);
    expect(meaningError).toEqual({ "states.orphan": "designer.issues.unreachableState" });

    const after = (await inCounty((tx) => getWorkflow(tx, admin, id))).workflow;
    expect(after).toEqual(before);
    expect(await auditRows(id, "workflow.imported")).toHaveLength(0);

    // A file named like another of the county's workflows is refused by name; renamed, it imports.
    const sameName = await inCounty((tx) =>
      importWorkflowDefinition(tx, admin, { workflowId: id, baseRevision: 1, text: JSON.stringify(citizenOpinion) }),
    ).catch((e) => e);
    expect(sameName).toMatchObject({ message: "errors.workflowNameTaken", field: "name" });
    const text = JSON.stringify({ ...citizenOpinion, name: { "zh-CN": "群众意见建议办理（导入）" } });
    const imported = await inCounty((tx) =>
      importWorkflowDefinition(tx, admin, { workflowId: id, baseRevision: 1, text }),
    );
    expect(imported.revision).toBe(2);
    const { workflow } = await inCounty((tx) => getWorkflow(tx, admin, id));
    expect(workflow.draft).toMatchObject({ key: "workflow_3", initial: "registered" }); // keeps its own key
    expect(await auditRows(id, "workflow.imported")).toHaveLength(1);
  });

  it("publishes only the revision the publisher saw; new cases run on the new version, older ones stay", async () => {
    const [installed] = await inCounty((tx) => tx.select().from(workflows).where(eq(workflows.key, "citizenOpinion")));
    const workflowId = installed!.id;
    const liaison = { actor: memberOf(tenantId, "station_liaison"), ip: null, clock: systemClock };
    const older = await inCounty((tx) =>
      startCase(tx, liaison, { workflowKey: "citizenOpinion", data: { summary: "路灯不亮" } }),
    );

    const changed = structuredClone(installed!.draft) as Record<string, any>;
    changed.states.handling.deadlines[0].duration.amount = 10;
    await inCounty((tx) => saveWorkflowDraft(tx, admin, { workflowId, baseRevision: 1, definition: changed }));
    const stale = await inCounty((tx) => publishWorkflow(tx, admin, { workflowId, revision: 1 })).catch((e) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    const published = await inCounty((tx) => publishWorkflow(tx, admin, { workflowId, revision: 2 }));
    expect(published.version.version).toBe(2);

    const newer = await inCounty((tx) =>
      startCase(tx, liaison, { workflowKey: "citizenOpinion", data: { summary: "井盖缺失" } }),
    );
    const page = await inCounty((tx) => getWorkflow(tx, admin, workflowId));
    expect(page.versions.map((v) => [v.version, v.runningCases, v.publishedBy])).toEqual([
      [2, 1, admin.actor.displayName],
      [1, 1, "运营"], // installed at onboarding by the platform operator
    ]);
    expect(page.recentCases.map((c) => [c.id, c.version])).toEqual([
      [newer.caseId, 2],
      [older.caseId, 1],
    ]);
    expect(page.published).toMatchObject({ version: 2 });
    expect(await auditRows(workflowId, "workflow.published")).toHaveLength(1);
  });

  it("shows a workflow to its county's admin only", async () => {
    const [installed] = await inCounty((tx) => tx.select().from(workflows).limit(1));
    const operator = { actor: memberOf(tenantId, "township_operator"), ip: null, clock: systemClock };
    await expect(inCounty((tx) => getWorkflow(tx, operator, installed!.id))).rejects.toThrow(/Not allowed/);
    await expect(inCounty((tx) => listWorkflows(tx, operator))).rejects.toThrow(/Not allowed/);
  });
});
