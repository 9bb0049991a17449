import {
  checklists,
  dutyPosts,
  platformAuditLog,
  stationTypes,
  templateSets,
  templateSetVersions,
  tenants,
  workflows,
  workflowVersions,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { WORKFLOW_TEMPLATES, ZWorkflowDefinition } from "@rdlink/workflow";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { countyRowLines } from "../tenants/county-rows";
import { countyTablesParentsFirst } from "../tenants/county-tables";
import { onboardCounty } from "../tenants/onboard-county";
import { createOperator } from "../testing/actors";
import { createTemplateSet } from "./create-template-set";
import { getTemplateSet } from "./get-template-set";
import { getTemplateSetWorkflow } from "./get-template-set-workflow";
import { listTemplateSets } from "./list-template-sets";
import { publishTemplateSet } from "./publish-template-set";
import { saveTemplateSetDraft } from "./save-template-set-draft";
import { saveTemplateSetWorkflow } from "./save-template-set-workflow";
import type { TTemplateSetContent } from "./template-content";

/** The "五有" standard with a post catalog of its own (江西's model), on the default's workflows. */
function wuYouContent(base: TTemplateSetContent): Partial<TTemplateSetContent> {
  return {
    checklists: [{ key: "wu-you", name: "五有", items: ["有场所", "有标识", "有制度", "有活动", "有台账"] }],
    stationTypes: [
      {
        key: "liaison",
        name: "人大代表联络站",
        checklistKey: "wu-you",
        intakeFields: base.stationTypes[0]!.intakeFields,
        customFields: [],
      },
      { key: "home", name: "人大代表之家", checklistKey: "wu-you", intakeFields: [], customFields: [] },
      { key: "pavilion", name: "民生议事亭", checklistKey: null, intakeFields: [], customFields: [] },
    ],
    dutyPosts: [
      { key: "policy", name: "政策宣讲岗", description: "宣讲政策法规" },
      { key: "livelihood", name: "民生实事岗", description: "推动民生实事项目" },
      { key: "mediation", name: "矛盾调解岗", description: "" },
    ],
  };
}

describe.each(testDrivers())("the template library on %s", (driver) => {
  let t: TestDatabase;
  let ctx: { actor: Awaited<ReturnType<typeof createOperator>>; ip: string; clock: typeof systemClock };
  let defaultSetId: string;

  /** The county's configuration as a template set would describe it (keys aside). */
  const countyConfiguration = (tenantId: string) =>
    t.db.withTenant(tenantId, async (tx) => {
      const lists = await tx.select().from(checklists).orderBy(asc(checklists.name));
      const listName = new Map(lists.map((l) => [l.id, l.name]));
      const types = await tx.select().from(stationTypes).orderBy(asc(stationTypes.sortOrder));
      const posts = await tx.select().from(dutyPosts).orderBy(asc(dutyPosts.sortOrder));
      const flows = await tx.select().from(workflows).orderBy(asc(workflows.key));
      const versions = await tx.select().from(workflowVersions);
      return {
        checklists: lists.map((l) => ({ name: l.name, items: l.items, origin: l.templateOrigin })),
        stationTypes: types.map((s) => ({
          name: s.name,
          checklist: s.checklistId ? listName.get(s.checklistId) : null,
          intakeFields: s.intakeFields,
          origin: s.templateOrigin,
        })),
        dutyPosts: posts.map((p) => ({ name: p.name, description: p.description ?? "", origin: p.templateOrigin })),
        workflows: flows.map((w) => ({
          key: w.key,
          origin: w.templateOrigin,
          published: versions.filter((v) => v.workflowId === w.id).map((v) => [v.version, v.definition]),
        })),
      };
    });

  /** What the county should have from a set version, in the same shape. */
  const expectedFrom = (content: TTemplateSetContent, setId: string, version: number) => {
    const origin = (itemKey: string) => ({ setId, version, itemKey });
    const listName = new Map(content.checklists.map((c) => [c.key, c.name]));
    return {
      checklists: [...content.checklists]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((c) => ({ name: c.name, items: c.items, origin: origin(c.key) })),
      stationTypes: content.stationTypes.map((s) => ({
        name: s.name,
        checklist: s.checklistKey ? listName.get(s.checklistKey) : null,
        intakeFields: s.intakeFields,
        origin: origin(s.key),
      })),
      dutyPosts: content.dutyPosts.map((p) => ({ name: p.name, description: p.description, origin: origin(p.key) })),
      workflows: [...content.workflows]
        .sort((a, b) => (a.key < b.key ? -1 : 1))
        .map((w) => ({ key: w.key, origin: origin(w.key), published: [[1, w.definition]] })),
    };
  };

  /** Every row of every county table of these counties, as PostgreSQL writes it. */
  const snapshot = (tenantIds: string[]) =>
    Promise.all(
      tenantIds.map((id) =>
        t.db.withTenant(id, async (tx) => {
          const lines: string[] = [];
          for (const table of await countyTablesParentsFirst(tx))
            for await (const line of countyRowLines(tx, table, { column: "tenant_id", id }))
              lines.push(`${table.name} ${line}`);
          return lines;
        }),
      ),
    );

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ctx = { actor: await createOperator(t.db), ip: "10.1.1.1", clock: systemClock };
  });
  afterAll(() => t.drop());

  it("ships the default set as data: version 1 holds the five workflows, and nothing is left to publish", async () => {
    const sets = await t.db.withoutTenant((tx) => listTemplateSets(tx, ctx));
    expect(sets).toHaveLength(1);
    expect(sets[0]).toMatchObject({ name: "通用模板", latestVersion: 1, counties: 0, unpublishedChanges: false });
    defaultSetId = sets[0]!.id;
    const set = await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, defaultSetId));
    expect(set.draft!.workflows.map((w) => w.key).sort()).toEqual(WORKFLOW_TEMPLATES.map((w) => w.key).sort());
    expect(set.draft!.dutyPosts).toHaveLength(10);
    expect(set.draft!.checklists.map((c) => c.name)).toEqual(["十有", "五有"]);
    for (const item of set.draft!.workflows) expect(ZWorkflowDefinition.safeParse(item.definition).success).toBe(true);
  });

  it("onboards a county with exactly the default set's newest version, each item remembering where it came from", async () => {
    const { tenantId } = await onboardCounty(t.db, ctx, {
      divisionCode: "450107",
      adminUsername: "xxt-admin",
      adminDisplayName: "西乡塘区管理员",
    });
    const [version] = await t.db.withoutTenant((tx) =>
      tx.select().from(templateSetVersions).where(eq(templateSetVersions.setId, defaultSetId)),
    );
    const set = await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, defaultSetId));
    expect(await countyConfiguration(tenantId)).toEqual(expectedFrom(set.draft!, defaultSetId, 1));
    const [tenant] = await t.db.withoutTenant((tx) => tx.select().from(tenants).where(eq(tenants.id, tenantId)));
    expect(tenant!.templateSetVersionId).toBe(version!.id);
  });

  it("onboards a county from a second set (the 五有 standard, its own posts) with exactly that configuration", async () => {
    const { setId } = await t.db.withoutTenant((tx) =>
      createTemplateSet(tx, ctx, {
        name: "江西五有标准",
        description: "江西省代表联络站“五有”标准",
        copyFromSetId: defaultSetId,
      }),
    );
    const draft = await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, setId));
    expect(draft).toMatchObject({ versions: [], unpublishedChanges: true });
    // Not offered to onboarding before its first version.
    await expect(
      onboardCounty(t.db, ctx, {
        divisionCode: "360102",
        adminUsername: "dh-admin",
        adminDisplayName: "东湖区管理员",
        templateSetId: setId,
      }),
    ).rejects.toSatisfy(
      (e) => e instanceof ValidationError && e.fieldErrors.templateSetId === "validation.templateSetUnpublished",
    );
    const [nothing] = await t.db.withoutTenant((tx) =>
      tx.select().from(tenants).where(eq(tenants.divisionCode, "360102")),
    );
    expect(nothing).toBeUndefined();

    await t.db.withoutTenant((tx) =>
      saveTemplateSetDraft(tx, ctx, { setId, revision: draft.revision, content: wuYouContent(draft.draft!) }),
    );
    const { version } = await t.db.withoutTenant((tx) =>
      publishTemplateSet(tx, ctx, { setId, revision: draft.revision + 1, note: "五有标准" }),
    );
    expect(version).toBe(1);
    const { tenantId } = await onboardCounty(t.db, ctx, {
      divisionCode: "360102",
      adminUsername: "dh-admin",
      adminDisplayName: "东湖区管理员",
      templateSetId: setId,
    });
    const published = await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, setId));
    const configuration = await countyConfiguration(tenantId);
    expect(configuration).toEqual(expectedFrom(published.draft!, setId, 1));
    expect(configuration.checklists.map((c) => c.name)).toEqual(["五有"]);
    expect(configuration.dutyPosts.map((p) => p.name)).toEqual(["政策宣讲岗", "民生实事岗", "矛盾调解岗"]);
    expect(configuration.stationTypes.map((s) => [s.name, s.checklist])).toEqual([
      ["人大代表联络站", "五有"],
      ["人大代表之家", "五有"],
      ["民生议事亭", null],
    ]);
    const sets = await t.db.withoutTenant((tx) => listTemplateSets(tx, ctx));
    expect(sets.map((s) => [s.name, s.latestVersion, s.counties, s.unpublishedChanges])).toEqual([
      ["通用模板", 1, 1, false],
      ["江西五有标准", 1, 1, false],
    ]);
  });

  it("refuses to publish a set with an invalid workflow or a missing standard, naming each problem, and writes nothing", async () => {
    const set = await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, defaultSetId));
    const broken = structuredClone(set.draft!);
    const opinion = broken.workflows.findIndex((w) => w.key === "citizenOpinion");
    broken.workflows[opinion]!.definition.initial = "无此环节";
    broken.stationTypes[0]!.checklistKey = "no-such-standard";
    await t.db.withoutTenant((tx) =>
      saveTemplateSetDraft(tx, ctx, {
        setId: defaultSetId,
        revision: set.revision,
        content: { workflows: broken.workflows, stationTypes: broken.stationTypes },
      }),
    );
    const auditBefore = await t.db.withoutTenant((tx) => tx.select().from(platformAuditLog));
    const error = await t.db
      .withoutTenant((tx) => publishTemplateSet(tx, ctx, { setId: defaultSetId, revision: set.revision + 1 }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.formError).toBe("templates.errors.invalid");
    expect(error.fieldErrors[`workflows.${opinion}.initial`]).toMatch(/^designer\.issues\./);
    expect(error.fieldErrors["stationTypes.0.checklistKey"]).toBe("validation.templateChecklistMissing");
    const versions = await t.db.withoutTenant((tx) =>
      tx.select().from(templateSetVersions).where(eq(templateSetVersions.setId, defaultSetId)),
    );
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(await t.db.withoutTenant((tx) => tx.select().from(platformAuditLog))).toHaveLength(auditBefore.length);

    // A stale revision is a conflict, whatever the content.
    await expect(
      t.db.withoutTenant((tx) =>
        saveTemplateSetDraft(tx, ctx, { setId: defaultSetId, revision: set.revision, content: {} }),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    // Back to the published content: nothing to publish.
    await t.db.withoutTenant((tx) =>
      saveTemplateSetDraft(tx, ctx, { setId: defaultSetId, revision: set.revision + 1, content: set.draft! }),
    );
    await expect(
      t.db.withoutTenant((tx) => publishTemplateSet(tx, ctx, { setId: defaultSetId, revision: set.revision + 2 })),
    ).rejects.toSatisfy((e) => e instanceof ConflictError && e.message === "templates.errors.unchanged");
  });

  it("opens a set's workflow in the designer and saves what is drawn into the set's draft, that workflow alone", async () => {
    const ref = { setId: defaultSetId, workflowKey: "citizenOpinion" };
    const opened = await t.db.withoutTenant((tx) => getTemplateSetWorkflow(tx, ctx, ref));
    const set = await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, defaultSetId));
    expect(opened.workflow.draftRevision).toBe(set.revision);
    expect(opened.published!.version).toBe(1);
    expect(opened.published!.definition).toEqual(opened.workflow.draft);
    expect(opened.intakeFields.length).toBeGreaterThan(0);
    await expect(
      t.db.withoutTenant((tx) => getTemplateSetWorkflow(tx, ctx, { ...ref, workflowKey: "noSuchWorkflow" })),
    ).rejects.toBeInstanceOf(NotFoundError);

    const original = opened.workflow.draft as TTemplateSetContent["workflows"][number]["definition"];
    const drawn = structuredClone(original) as { states: Record<string, Record<string, unknown>> };
    drawn.states.check = { ...structuredClone(drawn.states.registered!), label: { "zh-CN": "登记复核" } };
    const save = (input: Record<string, unknown>, now?: Date) =>
      t.db.withoutTenant((tx) => saveTemplateSetWorkflow(tx, ctx, { ...ref, layout: {}, ...input }, now));
    const auditBefore = await t.db.withoutTenant((tx) => tx.select().from(platformAuditLog));
    // The first save after a pause starts a spell of editing, which the platform's log records …
    const afterAPause = new Date(Date.now() + 31 * 60_000);
    const { revision } = await save({ baseRevision: set.revision, definition: drawn }, afterAPause);
    expect(revision).toBe(set.revision + 1);
    // … and a second save moments later by the same operator is the same spell: one audit row.
    await save({ baseRevision: revision, definition: drawn, layout: { check: { x: 10, y: 20 } } });
    const audited = await t.db.withoutTenant((tx) => tx.select().from(platformAuditLog));
    expect(audited.length - auditBefore.length).toBe(1);
    expect(audited.at(-1)).toMatchObject({ action: "templateSet.draft_saved", objectId: defaultSetId });

    const after = await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, defaultSetId));
    const item = after.draft!.workflows.find((w) => w.key === "citizenOpinion")!;
    expect(Object.keys(item.definition.states as object)).toContain("check");
    expect(item.layout).toEqual({ check: { x: 10, y: 20 } });
    // Everything else in the draft is as it was.
    expect({ ...after.draft!, workflows: after.draft!.workflows.filter((w) => w !== item) }).toEqual({
      ...set.draft!,
      workflows: set.draft!.workflows.filter((w) => w.key !== "citizenOpinion"),
    });
    expect(after.unpublishedChanges).toBe(true);

    // Refused, nothing written: a stale revision, another workflow's key, a set or workflow that is not there.
    await expect(save({ baseRevision: revision, definition: drawn })).rejects.toBeInstanceOf(ConflictError);
    await expect(
      save({ baseRevision: revision + 1, definition: { ...drawn, key: "letterVisit" } }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(save({ baseRevision: revision + 1, definition: [] })).rejects.toBeInstanceOf(ValidationError);
    await expect(
      save({ workflowKey: "noSuchWorkflow", baseRevision: revision + 1, definition: drawn }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, defaultSetId))).revision).toBe(revision + 1);

    // Drawn back as published: nothing left to publish.
    await save({
      baseRevision: revision + 1,
      definition: original,
      layout: set.draft!.workflows.find((w) => w.key === "citizenOpinion")!.layout,
    });
    expect((await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, defaultSetId))).unpublishedChanges).toBe(false);
  });

  it("changes nothing in any county when a set it was onboarded from publishes a new version", async () => {
    const counties = await t.db.withoutTenant((tx) => tx.select({ id: tenants.id }).from(tenants));
    const before = await snapshot(counties.map((c) => c.id));
    expect(before.every((rows) => rows.length > 100)).toBe(true);

    const set = await t.db.withoutTenant((tx) => getTemplateSet(tx, ctx, defaultSetId));
    const content = structuredClone(set.draft!);
    content.dutyPosts.push({ key: "post-11", name: "乡村振兴岗", description: "助力乡村振兴" });
    content.checklists[0]!.items.push("有代表接待日");
    await t.db.withoutTenant((tx) =>
      saveTemplateSetDraft(tx, ctx, { setId: defaultSetId, revision: set.revision, content }),
    );
    const { version } = await t.db.withoutTenant((tx) =>
      publishTemplateSet(tx, ctx, { setId: defaultSetId, revision: set.revision + 1, note: "新增乡村振兴岗" }),
    );
    expect(version).toBe(2);

    expect(await snapshot(counties.map((c) => c.id))).toEqual(before);
    const [defaultSet] = await t.db.withoutTenant((tx) =>
      tx.select().from(templateSets).where(eq(templateSets.id, defaultSetId)),
    );
    expect(defaultSet!.draftRevision).toBe(set.revision + 1);
  });

  it("is the platform operator's alone", async () => {
    const countyAdmin = { ...ctx, actor: { ...ctx.actor, platformRole: null, tenantId: ctx.actor.userId } };
    await expect(t.db.withoutTenant((tx) => listTemplateSets(tx, countyAdmin))).rejects.toThrow();
    await expect(
      t.db.withoutTenant((tx) => createTemplateSet(tx, countyAdmin, { name: "x", copyFromSetId: defaultSetId })),
    ).rejects.toThrow();
  });
});
