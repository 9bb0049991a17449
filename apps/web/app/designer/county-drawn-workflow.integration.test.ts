import type { Actor } from "@rdlink/auth";
import { actOnCase } from "@rdlink/core/cases/act-on-case";
import { getCase } from "@rdlink/core/cases/get-case";
import { listCases } from "@rdlink/core/cases/list-cases";
import { registerCase } from "@rdlink/core/cases/register-case";
import { systemClock } from "@rdlink/core/clock";
import { createTeam } from "@rdlink/core/teams/create-team";
import { reloadActor, signedInMemberOf } from "@rdlink/core/testing/actors";
import { addTestStation, onboardTestCounty } from "@rdlink/core/testing/counties";
import { runWorkerRound } from "@rdlink/core/worker/start-worker";
import { createWorkflow } from "@rdlink/core/workflows/create-workflow";
import { getWorkflow } from "@rdlink/core/workflows/get-workflow";
import { publishWorkflow } from "@rdlink/core/workflows/publish-workflow";
import { saveWorkflowDraft } from "@rdlink/core/workflows/save-workflow-draft";
import { cases, notifications } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { validateDefinition } from "@rdlink/workflow";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addState,
  addTransition,
  type DesignerDocument,
  removeElements,
  setInitial,
  setKind,
  setStaffEntry,
  toDocument,
  updateState,
  updateTransition,
} from "./document";

const at = (x: number, y: number) => ({ x, y });

/**
 * A county's 信访 drawn in the designer from an empty canvas, with the very operations the
 * canvas and panels call: 登记 on the county admin's desk, 批办 and 办理 on its 信访办's (a team
 * it made), 办理 with a 15-day limit whose 80 % rung reminds the team, then 办结.
 */
function drawPetition(blank: DesignerDocument, team: string): DesignerDocument {
  // The new workflow's two placeholder states go first: the canvas is empty.
  let doc = removeElements(blank, Object.keys(blank.definition.states), []);
  expect(doc.definition.states).toEqual({});
  doc = setKind(doc, "letter");
  const registered = addState(doc, { label: "登记", position: at(0, 0) });
  doc = registered.doc;
  const approve = addState(doc, { label: "批办", position: at(0, 150) });
  doc = approve.doc;
  const handling = addState(doc, { label: "办理", position: at(0, 300) });
  doc = handling.doc;
  const closed = addState(doc, { label: "办结", kind: "final", position: at(0, 450) });
  doc = closed.doc;
  doc = setInitial(doc, registered.id);
  const onTeamDesk = { role: "team", scope: "county", team } as const;
  doc = updateState(doc, approve.id, { assignee: onTeamDesk });
  doc = updateState(doc, handling.id, {
    assignee: onTeamDesk,
    form: [{ key: "result", label: { "zh-CN": "办理结果" }, type: "longText", required: true }],
    deadlines: [
      {
        id: "limit",
        label: { "zh-CN": "办理期限" },
        duration: { amount: 15, unit: "days" },
        from: "stateEntry",
        ladder: [
          {
            id: "remind",
            label: { "zh-CN": "提醒" },
            atPercent: 80,
            notify: { to: "assignee", template: "case.deadline.warning" },
          },
        ],
      },
    ],
  });
  const submit = addTransition(doc, registered.id, approve.id, "提交批办");
  doc = submit.doc;
  const assign = addTransition(doc, approve.id, handling.id, "批转办理");
  doc = updateTransition(assign.doc, assign.id, { roles: [], teams: [team] });
  const finish = addTransition(doc, handling.id, closed.id, "办结");
  doc = updateTransition(finish.doc, finish.id, { roles: [], teams: [team] });
  return setStaffEntry(doc, {
    roles: ["county_admin"],
    form: [{ key: "summary", label: { "zh-CN": "来信来访内容" }, type: "longText", required: true }],
  });
}

describe.each(testDrivers())("a workflow a county draws from an empty canvas on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  let admin: Actor;
  let clerk: Actor;
  let chief: Actor;
  const ctx = (actor: Actor) => ({ actor, ip: null, clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    ({ townshipId } = await inCounty((tx) => addTestStation(tx, "D7R4W2")));
    admin = await signedInMemberOf(t.db, tenantId, "county_admin", "人大办");
    // Staff of other offices, with whatever role they were invited with.
    clerk = await signedInMemberOf(t.db, tenantId, "station_liaison", "信访办李科员");
    chief = await signedInMemberOf(t.db, tenantId, "deputy", "信访办张主任");
  });
  afterAll(() => t.drop());

  it("is drawn, published with a staff entry point, and run to its end by the team it names", async () => {
    const team = await inCounty((tx) =>
      createTeam(tx, ctx(admin), { name: "信访办", memberIds: [clerk.userId, chief.userId] }),
    );
    const created = await inCounty((tx) => createWorkflow(tx, ctx(admin), { template: "empty", name: "来信来访" }));
    const opened = await inCounty((tx) => getWorkflow(tx, ctx(admin), created.id));
    const drawn = drawPetition(toDocument(opened.workflow.draft, opened.workflow.draftLayout), team.key);
    // What the designer shows before publishing: no problem, against the county's own teams.
    const checked = validateDefinition(drawn.definition, { teams: new Set(opened.teams.map((x) => x.key)) });
    expect(checked.errors).toEqual([]);
    await inCounty((tx) =>
      saveWorkflowDraft(tx, ctx(admin), {
        workflowId: created.id,
        baseRevision: opened.workflow.draftRevision,
        definition: drawn.definition,
        layout: drawn.layout,
      }),
    );
    const { version } = await inCounty((tx) => publishWorkflow(tx, ctx(admin), { workflowId: created.id }));
    expect(version.version).toBe(1);

    const registeredAt = new Date("2026-03-02T01:00:00Z");
    const { caseId } = await inCounty((tx) =>
      registerCase(
        tx,
        ctx(admin),
        { workflowId: created.id, townshipId, channel: "visit", data: { summary: "反映小区违建长期未处理" } },
        registeredAt,
      ),
    );
    const step = (actor: Actor, event: string, expectedSeq: number, data = {}) =>
      inCounty((tx) => actOnCase(tx, ctx(actor), { caseId, event, data, expectedSeq }, registeredAt));
    await step(admin, "NEXT", 1);

    const member = await reloadActor(t.db, clerk.userId);
    const onDesk = await inCounty((tx) => listCases(tx, ctx(member), { view: "mine" }));
    expect(onDesk.cases.map((c) => [c.title, c.stateLabel["zh-CN"]])).toEqual([["反映小区违建长期未处理", "批办"]]);
    await step(member, "NEXT", 2);

    // Twelve days in (80 % of 15), the worker reminds whoever is in the team.
    await runWorkerRound(t.db, new Date(registeredAt.getTime() + 12 * 86_400_000 + 60_000));
    const reminded = await inCounty((tx) =>
      tx.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.caseId, caseId)),
    );
    expect(reminded.map((n) => n.userId).sort()).toEqual([clerk.userId, chief.userId].sort());

    const head = await reloadActor(t.db, chief.userId);
    // The reminder is a step of its own in the history (seq 4).
    await step(head, "NEXT", 4, { result: "已督促街道拆除违建并回复来访人" });
    const [row] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(row).toMatchObject({ status: "done", kind: "letter", state: "end" });
    expect(Object.keys(drawn.definition.states)).toEqual(["step", "step_2", "step_3", "end"]);
    const page = await inCounty((tx) => getCase(tx, ctx(head), caseId));
    expect(page.timeline.map((e) => [e.toLabel["zh-CN"], e.actorTeam])).toEqual([
      ["登记", null],
      ["批办", null],
      ["办理", "信访办"],
      ["办理", null],
      ["办结", "信访办"],
    ]);
  });
});
