import { workflows, workflowVersions } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { ConflictError, ValidationError } from "../shared/errors";
import { memberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { createWorkflow } from "./create-workflow";
import { publishWorkflow } from "./publish-workflow";
import { saveWorkflowDraft } from "./save-workflow-draft";

describe.each(testDrivers())("workflow drafts and versions on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let workflowId: string;
  let draft: Record<string, any>;
  let userId: string;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const county = await onboardTestCounty(t.db, "320582");
    tenantId = county.tenantId;
    userId = county.admin.userId; // a real user: drafts record who saved them
    const [row] = await t.db.withTenant(tenantId, (tx) =>
      tx.select().from(workflows).where(eq(workflows.key, "disputeMediation")),
    );
    workflowId = row!.id;
    draft = structuredClone(row!.draft) as Record<string, any>;
  });
  afterAll(() => t.drop());

  const admin = () => ({ actor: { ...memberOf(tenantId, "county_admin"), userId }, ip: null, clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const versions = () =>
    inCounty((tx) => tx.select().from(workflowVersions).where(eq(workflowVersions.workflowId, workflowId)));

  it("installs every template at onboarding with version 1 published", async () => {
    const all = await inCounty((tx) => tx.select().from(workflows));
    expect(all.map((w) => w.key).sort()).toEqual([
      "citizenOpinion",
      "deputySuggestion",
      "disputeMediation",
      "draftLawConsultation",
      "letterVisit",
    ]);
    expect((await versions()).map((v) => v.version)).toEqual([1]);
  });

  it("refuses to save over a newer save, and never publishes an invalid draft", async () => {
    const broken = structuredClone(draft);
    broken.states.mediating.transitions[0].target = "nowhere";
    const saved = await inCounty((tx) =>
      saveWorkflowDraft(tx, admin(), { workflowId, baseRevision: 1, definition: broken }),
    );
    expect(saved.revision).toBe(2);
    const stale = await inCounty((tx) =>
      saveWorkflowDraft(tx, admin(), { workflowId, baseRevision: 1, definition: draft }),
    ).catch((e) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).values).toEqual({ revision: "2" });

    const refused = await inCounty((tx) => publishWorkflow(tx, admin(), { workflowId })).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    // Every problem at once: the broken target, and the state nothing leads to any more.
    expect(Object.keys((refused as ValidationError).fieldErrors).sort()).toEqual([
      "states.agreement",
      "states.mediating.transitions[0].target",
    ]);
    expect((await versions()).map((v) => v.version)).toEqual([1]);
  });

  it("publishes a changed draft as version 2, and identical content as no new version", async () => {
    const changed = structuredClone(draft);
    changed.states.mediating.deadlines[0].duration.amount = 20;
    await inCounty((tx) => saveWorkflowDraft(tx, admin(), { workflowId, baseRevision: 2, definition: changed }));
    expect(await inCounty((tx) => publishWorkflow(tx, admin(), { workflowId }))).toMatchObject({
      created: true,
      version: { version: 2 },
    });
    expect(await inCounty((tx) => publishWorkflow(tx, admin(), { workflowId }))).toMatchObject({
      created: false,
      version: { version: 2 },
    });
    // Back to the original content: that is version 1 again, not a third version.
    await inCounty((tx) => saveWorkflowDraft(tx, admin(), { workflowId, baseRevision: 3, definition: draft }));
    expect(await inCounty((tx) => publishWorkflow(tx, admin(), { workflowId }))).toMatchObject({
      created: false,
      version: { version: 1 },
    });
    expect((await versions()).map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it("lets no one but the county admin change a workflow", async () => {
    const operator = { actor: memberOf(tenantId, "township_operator"), ip: null, clock: systemClock };
    await expect(inCounty((tx) => publishWorkflow(tx, operator, { workflowId }))).rejects.toThrow(/Not allowed/);
  });

  it("refuses a second workflow with a name the county already uses, on creating and on publishing", async () => {
    const before = (await inCounty((tx) => tx.select().from(workflows))).length;
    const taken = await inCounty((tx) =>
      createWorkflow(tx, admin(), { template: "empty", name: " 矛盾纠纷调解 " }),
    ).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(ConflictError);
    expect(taken).toMatchObject({
      message: "errors.workflowNameTaken",
      field: "name",
      values: { name: "矛盾纠纷调解" },
    });
    expect((await inCounty((tx) => tx.select().from(workflows))).length).toBe(before);

    // Renamed in the designer to another's name: the draft saves, publishing it is refused.
    const created = await inCounty((tx) => createWorkflow(tx, admin(), { template: "empty", name: "调解回访" }));
    const [row] = await inCounty((tx) => tx.select().from(workflows).where(eq(workflows.id, created.id)));
    const renamed = { ...(row!.draft as object), name: { "zh-CN": "信访件办理" } };
    await inCounty((tx) =>
      saveWorkflowDraft(tx, admin(), { workflowId: created.id, baseRevision: 1, definition: renamed }),
    );
    await expect(inCounty((tx) => publishWorkflow(tx, admin(), { workflowId: created.id }))).rejects.toMatchObject({
      message: "errors.workflowNameTaken",
    });
    // Its own name is no conflict: the county's mediation publishes as before.
    await expect(inCounty((tx) => publishWorkflow(tx, admin(), { workflowId }))).resolves.toMatchObject({
      created: false,
    });
  });
});
