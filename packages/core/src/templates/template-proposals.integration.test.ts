import type { Actor } from "@rdlink/auth";
import { auditLog, platformAuditLog, templateProposals, workflows, workflowVersions } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { ConflictError, ValidationError } from "../shared/errors";
import { createOperator } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { createWorkflow } from "../workflows/create-workflow";
import { publishWorkflow } from "../workflows/publish-workflow";
import { saveWorkflowDraft } from "../workflows/save-workflow-draft";
import { getTemplateSet } from "./get-template-set";
import { listCountyProposals } from "./list-county-proposals";
import { listTemplateProposals } from "./list-template-proposals";
import { listTemplateSets } from "./list-template-sets";
import { proposeTemplateWorkflow } from "./propose-template-workflow";
import { reviewTemplateProposal } from "./review-template-proposal";

describe.each(testDrivers())("counties proposing workflows to the template library on %s", (driver) => {
  let t: TestDatabase;
  let operator: { actor: Awaited<ReturnType<typeof createOperator>>; ip: string; clock: typeof systemClock };
  let setId: string;
  const county: Record<"a" | "b", { tenantId: string; ctx: { actor: Actor; ip: null; clock: typeof systemClock } }> =
    {} as never;
  const inCounty = <T>(which: "a" | "b", work: Parameters<typeof t.db.withTenant<T>>[1]) =>
    t.db.withTenant(county[which].tenantId, work);
  const workflowOf = (which: "a" | "b", key: string) =>
    inCounty(which, async (tx) => (await tx.select().from(workflows).where(eq(workflows.key, key)))[0]!);
  let proposalId: string;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    operator = { actor: await createOperator(t.db), ip: "10.1.1.1", clock: systemClock };
    setId = (await t.db.withoutTenant((tx) => listTemplateSets(tx, operator)))[0]!.id;
    for (const [which, divisionCode] of [
      ["a", "450107"],
      ["b", "360102"],
    ] as const) {
      const { tenantId, admin } = await onboardTestCounty(t.db, divisionCode);
      county[which] = { tenantId, ctx: { actor: admin, ip: null, clock: systemClock } };
    }
  });
  afterAll(() => t.drop());

  it("takes a copy of the county's newest published version, once while it waits, and never a draft", async () => {
    // County A redraws 群众意见建议办理 (登记 becomes 接待登记) and publishes it as its version 2.
    const opinion = await workflowOf("a", "citizenOpinion");
    const redrawn = structuredClone(opinion.draft) as { states: Record<string, { label: Record<string, string> }> };
    redrawn.states.registered!.label = { "zh-CN": "接待登记", en: "Reception" };
    await inCounty("a", async (tx) => {
      const { revision } = await saveWorkflowDraft(tx, county.a.ctx, {
        workflowId: opinion.id,
        baseRevision: opinion.draftRevision,
        definition: redrawn,
        layout: { registered: { x: 5, y: 5 } },
      });
      await publishWorkflow(tx, county.a.ctx, { workflowId: opinion.id, revision });
    });
    // … and keeps drawing: the draft is not what is proposed.
    const drawing = structuredClone(redrawn);
    drawing.states.registered!.label = { "zh-CN": "还在画", en: "Drawing" };
    await inCounty("a", (tx) =>
      saveWorkflowDraft(tx, county.a.ctx, {
        workflowId: opinion.id,
        baseRevision: opinion.draftRevision + 1,
        definition: drawing,
      }),
    );

    const proposed = await inCounty("a", (tx) =>
      proposeTemplateWorkflow(tx, county.a.ctx, { workflowId: opinion.id, note: "接待登记更贴近基层说法" }),
    );
    proposalId = proposed.proposalId;
    expect(proposed.version).toBe(2);
    const [v2] = await inCounty("a", (tx) =>
      tx
        .select()
        .from(workflowVersions)
        .where(eq(workflowVersions.workflowId, opinion.id))
        .orderBy(desc(workflowVersions.version))
        .limit(1),
    );
    const [row] = await t.db.withoutTenant((tx) =>
      tx.select().from(templateProposals).where(eq(templateProposals.id, proposalId)),
    );
    expect(row).toMatchObject({
      fromTenantId: county.a.tenantId,
      workflowKey: "citizenOpinion",
      fromVersion: 2,
      status: "pending",
      note: "接待登记更贴近基层说法",
    });
    expect(row!.definition).toEqual(v2!.definition);
    expect(row!.layout).toEqual({ registered: { x: 5, y: 5 } });
    const [audited] = await inCounty("a", (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "workflow.proposed")),
    );
    expect(audited).toMatchObject({ objectId: opinion.id, detail: { version: 2, proposal: proposalId } });

    // Refused, nothing written: the same workflow again while it waits; one never published; a long note.
    await expect(
      inCounty("a", (tx) => proposeTemplateWorkflow(tx, county.a.ctx, { workflowId: opinion.id })),
    ).rejects.toSatisfy((e) => e instanceof ConflictError && e.message === "templates.errors.alreadyProposed");
    const unpublished = await inCounty("a", (tx) =>
      createWorkflow(tx, county.a.ctx, { template: "empty", name: "来访接待" }),
    );
    await expect(
      inCounty("a", (tx) => proposeTemplateWorkflow(tx, county.a.ctx, { workflowId: unpublished.id })),
    ).rejects.toSatisfy(
      (e) => e instanceof ValidationError && e.fieldErrors.workflowId === "validation.workflowNotPublished",
    );
    await expect(
      inCounty("a", (tx) =>
        proposeTemplateWorkflow(tx, county.a.ctx, { workflowId: opinion.id, note: "长".repeat(501) }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await t.db.withoutTenant((tx) => tx.select().from(templateProposals))).toHaveLength(1);

    // The county follows it; what it may propose is what it has published.
    const listed = await inCounty("a", (tx) => listCountyProposals(tx, county.a.ctx));
    expect(listed.proposals.map((p) => [p.workflowName["zh-CN"], p.status])).toEqual([["群众意见建议办理", "pending"]]);
    expect(listed.workflows.find((w) => w.id === opinion.id)?.version).toBe(2);
    expect(listed.workflows.some((w) => w.id === unpublished.id)).toBe(false);
  });

  it("shows a county its own proposals only, and lets it write none for another", async () => {
    expect(await inCounty("b", (tx) => tx.select().from(templateProposals))).toEqual([]);
    expect((await inCounty("b", (tx) => listCountyProposals(tx, county.b.ctx))).proposals).toEqual([]);
    // Past the use case, RLS refuses a row in county A's name.
    await expect(
      inCounty("b", (tx) =>
        tx.insert(templateProposals).values({
          fromTenantId: county.a.tenantId,
          workflowKey: "citizenOpinion",
          fromVersion: 1,
          definition: {},
          layout: {},
          proposedByName: "冒名",
        }),
      ),
    ).rejects.toThrow();
    // Nor may it answer one.
    await expect(
      inCounty("b", (tx) =>
        tx.update(templateProposals).set({ status: "adopted" }).where(eq(templateProposals.id, proposalId)).returning(),
      ),
    ).resolves.toEqual([]);
    await expect(
      t.db.withoutTenant((tx) =>
        reviewTemplateProposal(tx, county.b.ctx, { decision: "decline", proposalId, reviewNote: "x" }),
      ),
    ).rejects.toThrow();
  });

  it("puts an adopted workflow into the set's draft in place of the set's own, answered once", async () => {
    const listed = await t.db.withoutTenant((tx) => listTemplateProposals(tx, operator));
    const waiting = listed.proposals.find((p) => p.id === proposalId)!;
    expect(waiting).toMatchObject({ county: expect.any(String), status: "pending", fromVersion: 2 });
    expect(waiting.name["zh-CN"]).toBe("群众意见建议办理");
    expect(waiting.inSets.map((s) => s.setId)).toEqual([setId]);

    // A decline needs a reason; an adoption needs a set that exists.
    await expect(
      t.db.withoutTenant((tx) =>
        reviewTemplateProposal(tx, operator, { decision: "decline", proposalId, reviewNote: "" }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      t.db.withoutTenant((tx) =>
        reviewTemplateProposal(tx, operator, {
          decision: "adopt",
          proposalId,
          setId: "00000000-0000-4000-8000-000000000000",
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      t.db.withoutTenant((tx) => reviewTemplateProposal(tx, operator, { decision: "promote", proposalId })),
    ).rejects.toBeInstanceOf(ValidationError);

    const before = await t.db.withoutTenant((tx) => getTemplateSet(tx, operator, setId));
    await t.db.withoutTenant((tx) =>
      reviewTemplateProposal(tx, operator, { decision: "adopt", proposalId, setId, reviewNote: "下一版采用" }),
    );
    const after = await t.db.withoutTenant((tx) => getTemplateSet(tx, operator, setId));
    expect(after.revision).toBe(before.revision + 1);
    expect(after.unpublishedChanges).toBe(true);
    const [row] = await t.db.withoutTenant((tx) =>
      tx.select().from(templateProposals).where(eq(templateProposals.id, proposalId)),
    );
    const adopted = after.draft!.workflows.find((w) => w.key === "citizenOpinion")!;
    expect(adopted.definition).toEqual(row!.definition);
    expect(adopted.layout).toEqual({ registered: { x: 5, y: 5 } });
    expect(after.draft!.workflows.map((w) => w.key)).toEqual(before.draft!.workflows.map((w) => w.key));
    expect(row).toMatchObject({ status: "adopted", adoptedIntoSetId: setId, reviewNote: "下一版采用" });
    const [audited] = await t.db.withoutTenant((tx) =>
      tx
        .select()
        .from(platformAuditLog)
        .where(and(eq(platformAuditLog.action, "templateSet.proposal_adopted"))),
    );
    expect(audited).toMatchObject({ objectId: proposalId, tenantId: county.a.tenantId });

    await expect(
      t.db.withoutTenant((tx) =>
        reviewTemplateProposal(tx, operator, { decision: "decline", proposalId, reviewNote: "x" }),
      ),
    ).rejects.toSatisfy((e) => e instanceof ConflictError && e.message === "templates.errors.alreadyReviewed");
    const answered = await inCounty("a", (tx) => listCountyProposals(tx, county.a.ctx));
    expect(answered.proposals.map((p) => [p.status, p.reviewNote])).toEqual([["adopted", "下一版采用"]]);
  });

  it("tells the county why a proposal is declined, and it may propose again", async () => {
    const opinion = await workflowOf("b", "citizenOpinion");
    const { proposalId: declined } = await inCounty("b", (tx) =>
      proposeTemplateWorkflow(tx, county.b.ctx, { workflowId: opinion.id }),
    );
    await t.db.withoutTenant((tx) =>
      reviewTemplateProposal(tx, operator, { decision: "decline", proposalId: declined, reviewNote: "与通用模板相同" }),
    );
    const listed = await inCounty("b", (tx) => listCountyProposals(tx, county.b.ctx));
    expect(listed.proposals.map((p) => [p.status, p.reviewNote])).toEqual([["declined", "与通用模板相同"]]);
    await inCounty("b", (tx) => proposeTemplateWorkflow(tx, county.b.ctx, { workflowId: opinion.id }));
  });
});
