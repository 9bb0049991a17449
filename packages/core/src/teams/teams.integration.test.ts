import type { Actor } from "@rdlink/auth";
import { auditLog, cases, teams, workflows } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import type { TWorkflowDefinitionInput } from "@rdlink/workflow";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { getCase } from "../cases/get-case";
import { listCases } from "../cases/list-cases";
import { registerCase } from "../cases/register-case";
import { systemClock } from "../clock";
import { notificationRecipients } from "../notifications/notification-recipients";
import { ConflictError, NotFoundError, type ValidationError } from "../shared/errors";
import { reloadActor, signedInMemberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { createWorkflow } from "../workflows/create-workflow";
import { importWorkflowDefinition } from "../workflows/import-workflow-definition";
import { publishWorkflow } from "../workflows/publish-workflow";
import { saveWorkflowDraft } from "../workflows/save-workflow-draft";
import { createTeam } from "./create-team";
import { listTeams } from "./list-teams";
import { updateTeam } from "./update-team";

/**
 * 信访 as a county might draw it: 批办 is on its 信访办's desk, whoever in it takes it. Each of
 * the county's workflows has its own name.
 */
const petitionOn = (team: string, name = "信访（团队批办）"): TWorkflowDefinitionInput => ({
  schemaVersion: 1,
  key: "workflow",
  kind: "letter",
  name: { "zh-CN": name },
  entry: {
    staff: {
      roles: ["county_admin"],
      form: [{ key: "summary", label: { "zh-CN": "来信内容" }, type: "longText", required: true }],
    },
  },
  initial: "approve",
  states: {
    approve: {
      label: { "zh-CN": "批办" },
      kind: "task",
      assignee: { role: "team", scope: "county", team },
      transitions: [{ event: "APPROVE", label: { "zh-CN": "批办" }, target: "done", teams: [team] }],
    },
    done: { label: { "zh-CN": "办结" }, kind: "final" },
  },
});

describe.each(testDrivers())("teams on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  let admin: Actor;
  let clerk: Actor;
  let outsider: Actor;
  const ctx = (actor: Actor) => ({ actor, ip: null, clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    ({ townshipId } = await inCounty((tx) => addTestStation(tx, "T1E2A3")));
    admin = await signedInMemberOf(t.db, tenantId, "county_admin", "区人大办公室");
    clerk = await signedInMemberOf(t.db, tenantId, "station_liaison", "信访办王科员");
    outsider = await signedInMemberOf(t.db, tenantId, "station_liaison", "另一位联络员");
  });
  afterAll(() => t.drop());

  it("makes a team of the county's users, and refuses a taken name, a stranger or a non-admin, writing nothing", async () => {
    const team = await inCounty((tx) =>
      createTeam(tx, ctx(admin), { name: "信访办", memberIds: `${clerk.userId},${admin.userId}` }),
    );
    expect(team.key).toMatch(/^team_[0-9a-f]{10}$/);
    const auditBefore = (await inCounty((tx) => tx.select({ n: count() }).from(auditLog)))[0]!.n;
    const taken = await inCounty((tx) => createTeam(tx, ctx(admin), { name: "信访办" })).catch((e) => e);
    expect(taken).toBeInstanceOf(ConflictError);
    const stranger = await inCounty((tx) =>
      createTeam(tx, ctx(admin), { name: "法工委", memberIds: [crypto.randomUUID()] }),
    ).catch((e) => e);
    expect((stranger as ValidationError).fieldErrors).toEqual({ memberIds: "teams.unknownMember" });
    const byLiaison = await inCounty((tx) => createTeam(tx, ctx(clerk), { name: "督办组" })).catch((e) => e);
    expect(byLiaison).toMatchObject({ permission: "tenant.teams.manage" });
    expect((await inCounty((tx) => tx.select({ n: count() }).from(teams)))[0]!.n).toBe(1);
    expect((await inCounty((tx) => tx.select({ n: count() }).from(auditLog)))[0]!.n).toBe(auditBefore);

    // Renamed and one member left: the key, which workflows name, stays.
    await inCounty((tx) =>
      updateTeam(tx, ctx(admin), { teamId: team.id, name: "区信访办", memberIds: [clerk.userId] }),
    );
    const [listed] = await inCounty((tx) => listTeams(tx, ctx(admin)));
    expect(listed).toMatchObject({ key: team.key, name: "区信访办", members: [{ displayName: "信访办王科员" }] });
    expect((await reloadActor(t.db, clerk.userId)).teams).toEqual([team.key]);
    expect((await reloadActor(t.db, admin.userId)).teams).toEqual([]);
  });

  it("refuses to publish or import a workflow naming a team the county does not have, no way in or an unknown action, naming each place", async () => {
    const { id: workflowId } = await inCounty((tx) =>
      createWorkflow(tx, ctx(admin), { template: "empty", name: "信访（团队批办）" }),
    );
    await inCounty((tx) =>
      saveWorkflowDraft(tx, ctx(admin), { workflowId, baseRevision: 1, definition: petitionOn("team_0000000000") }),
    );
    const refused = await inCounty((tx) => publishWorkflow(tx, ctx(admin), { workflowId })).catch((e) => e);
    expect((refused as ValidationError).fieldErrors).toEqual({
      "states.approve.assignee.team": "designer.issues.unknownTeam",
      "states.approve.transitions[0].teams[0]": "designer.issues.unknownTeam",
    });
    // A file with, besides, no way in and an action not in the library: every problem named,
    // and the draft stays as it was.
    const [before] = await inCounty((tx) => tx.select().from(workflows).where(eq(workflows.id, workflowId)));
    const file = { ...petitionOn("team_1111111111"), entry: {} };
    file.states.approve!.transitions![0]!.actions = [{ type: "sendToMars" as never }];
    const imported = await inCounty((tx) =>
      importWorkflowDefinition(tx, ctx(admin), {
        workflowId,
        baseRevision: before!.draftRevision,
        text: JSON.stringify(file),
      }),
    ).catch((e) => e);
    expect((imported as ValidationError).fieldErrors).toEqual({
      "entry.staff": "designer.issues.missingEntry",
      "states.approve.assignee.team": "designer.issues.unknownTeam",
      "states.approve.transitions[0].teams[0]": "designer.issues.unknownTeam",
      "states.approve.transitions[0].actions[0].type": "designer.issues.unknownAction",
    });
    const [after] = await inCounty((tx) => tx.select().from(workflows).where(eq(workflows.id, workflowId)));
    expect(after).toEqual(before);
  });

  it("puts a step on the team's desk: its members see it and take it whatever their role; others cannot open it", async () => {
    const [team] = await inCounty((tx) => listTeams(tx, ctx(admin)));
    const { id: workflowId } = await inCounty((tx) =>
      createWorkflow(tx, ctx(admin), { template: "empty", name: "信访（团队批办）二" }),
    );
    await inCounty((tx) =>
      saveWorkflowDraft(tx, ctx(admin), {
        workflowId,
        baseRevision: 1,
        definition: petitionOn(team!.key, "信访（团队批办）二"),
      }),
    );
    await inCounty((tx) => publishWorkflow(tx, ctx(admin), { workflowId }));
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, ctx(admin), {
        workflowId,
        townshipId,
        channel: "letter",
        data: { summary: "来信反映噪声扰民" },
      }),
    );

    const member = await reloadActor(t.db, clerk.userId);
    const desk = await inCounty((tx) => listCases(tx, ctx(member), { view: "mine" }));
    expect(desk.cases.map((c) => c.id)).toEqual([caseId]);
    const onDesk = await row(caseId);
    expect(await inCounty((tx) => notificationRecipients(tx, "assignee", onDesk))).toEqual([clerk.userId]);
    const page = await inCounty((tx) => getCase(tx, ctx(member), caseId));
    expect(page.actions.map((a) => a.event)).toEqual(["APPROVE"]);
    const notOpened = await inCounty((tx) => getCase(tx, ctx(outsider), caseId)).catch((e) => e);
    expect(notOpened).toBeInstanceOf(NotFoundError);
    // The county admin holds no role the step names and is not in the team.
    const byAdmin = await inCounty((tx) =>
      actOnCase(tx, ctx(admin), { caseId, event: "APPROVE", expectedSeq: 1 }),
    ).catch((e) => e);
    expect(byAdmin).toMatchObject({ formError: "errors.eventNotPermitted" });

    await inCounty((tx) => actOnCase(tx, ctx(member), { caseId, event: "APPROVE", expectedSeq: 1 }));
    // Done, and still theirs to open: the team had it.
    const after = await inCounty((tx) => getCase(tx, ctx(member), caseId));
    expect(after.case.status).toBe("done");
    expect(after.timeline.at(-1)).toMatchObject({ actorName: "信访办王科员", actorTeam: "区信访办" });
    expect((await inCounty((tx) => listCases(tx, ctx(member), { view: "mine" }))).cases).toEqual([]);
  });

  it("takes a case whose step nobody can take (an empty team) to the county admin's desk, until someone can", async () => {
    const empty = await inCounty((tx) => createTeam(tx, ctx(admin), { name: "督办组" }));
    const { id: workflowId } = await inCounty((tx) =>
      createWorkflow(tx, ctx(admin), { template: "empty", name: "督办（空团队）" }),
    );
    await inCounty((tx) =>
      saveWorkflowDraft(tx, ctx(admin), {
        workflowId,
        baseRevision: 1,
        definition: petitionOn(empty.key, "督办（空团队）"),
      }),
    );
    await inCounty((tx) => publishWorkflow(tx, ctx(admin), { workflowId }));
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, ctx(admin), { workflowId, townshipId, channel: "letter", data: { summary: "无人办理的来信" } }),
    );
    expect((await row(caseId)).unattendedSince).not.toBeNull();
    const adminDesk = await inCounty((tx) => listCases(tx, ctx(admin), { view: "mine" }));
    expect(adminDesk.cases.filter((c) => c.id === caseId)).toMatchObject([{ unattended: true }]);

    // Someone joins the team; their step lands the case on an ordinary desk again.
    await inCounty((tx) => updateTeam(tx, ctx(admin), { teamId: empty.id, name: "督办组", memberIds: [clerk.userId] }));
    const member = await reloadActor(t.db, clerk.userId);
    await inCounty((tx) => actOnCase(tx, ctx(member), { caseId, event: "APPROVE", expectedSeq: 1 }));
    expect(await row(caseId)).toMatchObject({ status: "done", unattendedSince: null });
  });

  async function row(caseId: string) {
    const [found] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    return found!;
  }
});
