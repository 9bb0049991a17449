import { auditLog, cases, checklists, dutyPosts, tenants, townships, workflows, workflowVersions } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCase } from "../cases/register-case";
import { systemClock } from "../clock";
import { ConflictError, ValidationError } from "../shared/errors";
import { countyRowLines } from "../tenants/county-rows";
import { countyTablesParentsFirst } from "../tenants/county-tables";
import { onboardCounty } from "../tenants/onboard-county";
import { countyAdminOf, createOperator } from "../testing/actors";
import { saveWorkflowDraft } from "../workflows/save-workflow-draft";
import { applyTemplateUpgrade } from "./apply-template-upgrade";
import { getTemplateSet } from "./get-template-set";
import { getTemplateUpgrade } from "./get-template-upgrade";
import { listTemplateSets } from "./list-template-sets";
import { publishTemplateSet } from "./publish-template-set";
import { saveTemplateSetDraft } from "./save-template-set-draft";
import type { TTemplateSetContent } from "./template-content";

type Definition = Record<string, unknown> & { states: Record<string, Record<string, unknown>>; initial: string };
const l = (zh: string) => ({ "zh-CN": zh, en: zh });

/** 群众意见建议办理 with a 登记复核 state between 登记 and 联络站初审. */
function withRegistrationCheck(definition: Definition): Definition {
  const next = structuredClone(definition);
  const registered = next.states.registered as { transitions: { target: string }[] };
  registered.transitions[0]!.target = "registrationCheck";
  next.states.registrationCheck = {
    label: l("登记复核"),
    kind: "task",
    assignee: { role: "station_liaison", scope: "station" },
    transitions: [
      {
        event: "CONFIRM",
        label: l("复核无误"),
        target: "stationReview",
        roles: ["station_liaison", "township_operator"],
      },
    ],
  };
  return next;
}

describe.each(testDrivers())("a county taking a newer version of its template set on %s", (driver) => {
  let t: TestDatabase;
  let operator: { actor: Awaited<ReturnType<typeof createOperator>>; ip: string; clock: typeof systemClock };
  let setId: string;
  const county: Record<
    "a" | "b",
    { tenantId: string; ctx: { actor: ReturnType<typeof countyAdminOf>; ip: null; clock: typeof systemClock } }
  > = {} as never;

  const editSet = async (change: (content: TTemplateSetContent) => void, note: string) => {
    const set = await t.db.withoutTenant((tx) => getTemplateSet(tx, operator, setId));
    const content = structuredClone(set.draft!);
    change(content);
    await t.db.withoutTenant((tx) => saveTemplateSetDraft(tx, operator, { setId, revision: set.revision, content }));
    return t.db.withoutTenant((tx) => publishTemplateSet(tx, operator, { setId, revision: set.revision + 1, note }));
  };
  const workflowOf = (content: TTemplateSetContent, key: string) => content.workflows.find((w) => w.key === key)!;
  const inCounty = <T>(which: "a" | "b", work: Parameters<typeof t.db.withTenant<T>>[1]) =>
    t.db.withTenant(county[which].tenantId, work);
  const snapshot = (which: "a" | "b") =>
    inCounty(which, async (tx) => {
      const lines: string[] = [];
      for (const table of await countyTablesParentsFirst(tx))
        for await (const line of countyRowLines(tx, table, { column: "tenant_id", id: tx.tenantId })) lines.push(line);
      return lines;
    });

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    operator = { actor: await createOperator(t.db), ip: "10.1.1.1", clock: systemClock };
    setId = (await t.db.withoutTenant((tx) => listTemplateSets(tx, operator)))[0]!.id;
    for (const [which, divisionCode] of [
      ["a", "450107"],
      ["b", "360102"],
    ] as const) {
      const { tenantId } = await onboardCounty(t.db, operator, {
        divisionCode,
        adminUsername: `admin-${divisionCode}`,
        adminDisplayName: "管理员",
      });
      county[which] = {
        tenantId,
        ctx: { actor: countyAdminOf(tenantId, operator.actor.userId), ip: null, clock: systemClock },
      };
    }
  });
  afterAll(() => t.drop());

  it("offers nothing while the county is on the newest version", async () => {
    expect(await inCounty("a", (tx) => getTemplateUpgrade(tx, county.a.ctx))).toBeNull();
  });

  it("shows each change of version 2, takes what the admin accepts, and keeps running cases on their version", async () => {
    // County A has a 信访 letter open on version 1; county B redrew 群众意见建议办理 itself.
    const letterWorkflow = await inCounty(
      "a",
      async (tx) => (await tx.select().from(workflows).where(eq(workflows.key, "letterVisit")))[0]!,
    );
    const [township] = await inCounty("a", (tx) => tx.select().from(townships).limit(1));
    const { caseId } = await inCounty("a", (tx) =>
      registerCase(tx, county.a.ctx, {
        workflowId: letterWorkflow.id,
        townshipId: township!.id,
        channel: "letter",
        data: { summary: "来信反映路灯不亮", petitioner: "张某" },
      }),
    );
    const opinionB = await inCounty(
      "b",
      async (tx) => (await tx.select().from(workflows).where(eq(workflows.key, "citizenOpinion")))[0]!,
    );
    const localDefinition = structuredClone(opinionB.draft) as Definition;
    localDefinition.states.registered!.label = l("本县登记");
    await inCounty("b", (tx) =>
      saveWorkflowDraft(tx, county.b.ctx, {
        workflowId: opinionB.id,
        baseRevision: opinionB.draftRevision,
        definition: localDefinition,
      }),
    );

    const { version } = await editSet((content) => {
      const opinion = workflowOf(content, "citizenOpinion");
      opinion.definition = withRegistrationCheck(opinion.definition as Definition);
      const letter = workflowOf(content, "letterVisit").definition as Definition;
      letter.states.registered!.label = l("登记来信来访");
      content.checklists[0]!.items.push("有代表接待日");
      content.dutyPosts.push({ key: "post-11", name: "乡村振兴岗", description: "助力乡村振兴" });
    }, "新增登记复核环节");
    expect(version).toBe(2);

    const upgrade = (await inCounty("a", (tx) => getTemplateUpgrade(tx, county.a.ctx)))!;
    expect(upgrade).toMatchObject({ setName: "通用模板", from: 1, to: 2, note: "新增登记复核环节" });
    expect(upgrade.items.map((i) => [i.id, i.change, i.local]).sort()).toEqual([
      ["checklists:checklist-1", "changed", "unchanged"],
      ["dutyPosts:post-11", "added", "missing"],
      ["workflows:citizenOpinion", "changed", "unchanged"],
      ["workflows:letterVisit", "changed", "unchanged"],
    ]);
    // County B sees its own drawing beside the platform's.
    const upgradeB = (await inCounty("b", (tx) => getTemplateUpgrade(tx, county.b.ctx)))!;
    const opinionItem = upgradeB.items.find((i) => i.id === "workflows:citizenOpinion")!;
    expect(opinionItem.local).toBe("changed");
    expect((opinionItem.ours!.definition as Definition).states.registered!.label).toEqual(l("本县登记"));
    expect((opinionItem.theirs!.definition as Definition).states.registrationCheck).toBeDefined();

    // A takes everything but the new post.
    const applied = await inCounty("a", (tx) =>
      applyTemplateUpgrade(tx, county.a.ctx, {
        toVersion: 2,
        accept: ["checklists:checklist-1", "workflows:citizenOpinion", "workflows:letterVisit"],
      }),
    );
    expect(applied.declined).toEqual(["乡村振兴岗"]);
    const a = await inCounty("a", async (tx) => ({
      tenant: (await tx.select().from(tenants).where(eq(tenants.id, tx.tenantId)))[0]!,
      standard: (await tx.select().from(checklists).where(eq(checklists.name, "十有")))[0]!,
      posts: await tx.select().from(dutyPosts),
      versions: await tx.select().from(workflowVersions),
      flows: await tx.select().from(workflows),
      letter: (await tx.select().from(cases).where(eq(cases.id, caseId)))[0]!,
      audit: await tx.select().from(auditLog).where(eq(auditLog.action, "templateSet.upgraded")),
    }));
    expect(a.standard.items.at(-1)).toBe("有代表接待日");
    expect(a.standard.templateOrigin).toEqual({ setId, version: 2, itemKey: "checklist-1" });
    expect(a.posts.map((p) => p.name)).not.toContain("乡村振兴岗");
    const opinionA = a.flows.find((w) => w.key === "citizenOpinion")!;
    const opinionVersions = a.versions
      .filter((v) => v.workflowId === opinionA.id)
      .sort((x, y) => x.version - y.version);
    expect(opinionVersions.map((v) => v.version)).toEqual([1, 2]);
    expect(Object.keys((opinionVersions[1]!.definition as Definition).states)).toContain("registrationCheck");
    const letterVersions = a.versions
      .filter((v) => v.workflowId === letterWorkflow.id)
      .sort((x, y) => x.version - y.version);
    expect(letterVersions).toHaveLength(2);
    expect(a.letter.versionId).toBe(letterVersions[0]!.id);
    expect(a.letter.status).toBe("active");
    expect(a.audit).toHaveLength(1);
    expect(await inCounty("a", (tx) => getTemplateUpgrade(tx, county.a.ctx))).toBeNull();

    // B declines the platform's drawing of its redrawn workflow: its own stays, unpublished as it was.
    const before = await inCounty("b", (tx) =>
      tx.select().from(workflowVersions).where(eq(workflowVersions.workflowId, opinionB.id)),
    );
    await inCounty("b", (tx) =>
      applyTemplateUpgrade(tx, county.b.ctx, {
        toVersion: 2,
        accept: ["checklists:checklist-1", "workflows:letterVisit"],
      }),
    );
    const b = await inCounty("b", async (tx) => ({
      opinion: (await tx.select().from(workflows).where(eq(workflows.id, opinionB.id)))[0]!,
      versions: await tx.select().from(workflowVersions).where(eq(workflowVersions.workflowId, opinionB.id)),
    }));
    expect((b.opinion.draft as Definition).states.registered!.label).toEqual(l("本县登记"));
    expect(b.opinion.templateOrigin).toEqual({ setId, version: 1, itemKey: "citizenOpinion" });
    expect(b.versions).toHaveLength(before.length);
  });

  it("refuses, naming the states, a version that would leave the county's open cases in states it lacks, and applies nothing", async () => {
    // Version 3 renames 信访's first state: county A's open letter is in it.
    await editSet((content) => {
      const letter = workflowOf(content, "letterVisit");
      letter.definition = JSON.parse(JSON.stringify(letter.definition).replaceAll('"registered"', '"received"'));
      content.dutyPosts.push({ key: "post-12", name: "法治宣传岗", description: "" });
    }, "信访登记环节改名");
    const before = await snapshot("a");
    const upgrade = (await inCounty("a", (tx) => getTemplateUpgrade(tx, county.a.ctx)))!;
    // 乡村振兴岗, declined at version 2, is not offered again.
    expect(upgrade.items.map((i) => i.id).sort()).toEqual(["dutyPosts:post-12", "workflows:letterVisit"]);
    const refused = await inCounty("a", (tx) =>
      applyTemplateUpgrade(tx, county.a.ctx, { toVersion: 3, accept: ["dutyPosts:post-12", "workflows:letterVisit"] }),
    ).catch((e) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toBe("templates.errors.statesInUse");
    expect(refused.values).toMatchObject({ name: "信访件办理", states: "registered" });
    // An item the upgrade does not have, or a version that is not the newest: refused too.
    await expect(
      inCounty("a", (tx) => applyTemplateUpgrade(tx, county.a.ctx, { toVersion: 3, accept: ["dutyPosts:no-such"] })),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      inCounty("a", (tx) => applyTemplateUpgrade(tx, county.a.ctx, { toVersion: 2, accept: [] })),
    ).rejects.toSatisfy((e) => e instanceof ConflictError && e.message === "templates.errors.upgradeChanged");
    expect(await snapshot("a")).toEqual(before);
    const [tenant] = await inCounty("a", (tx) =>
      tx
        .select()
        .from(tenants)
        .where(and(eq(tenants.id, tx.tenantId))),
    );
    expect(tenant!.templateSetVersionId).not.toBeNull();
    expect((await inCounty("a", (tx) => getTemplateUpgrade(tx, county.a.ctx)))!.to).toBe(3);
  });

  it("is the county admin's alone", async () => {
    const liaison = {
      ...county.a.ctx,
      actor: { ...county.a.ctx.actor, memberships: [{ role: "station_liaison" as const, townshipIds: [] }] },
    };
    await expect(inCounty("a", (tx) => getTemplateUpgrade(tx, liaison))).rejects.toThrow();
    await expect(inCounty("a", (tx) => applyTemplateUpgrade(tx, liaison, { toVersion: 3 }))).rejects.toThrow();
  });
});
