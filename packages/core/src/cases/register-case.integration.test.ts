import { auditLog, cases, deputies, users } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { NotFoundError, ValidationError } from "../shared/errors";
import { memberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { entryWorkflows } from "./entry-workflows";
import { getCase } from "./get-case";
import { registerCase } from "./register-case";

describe.each(testDrivers())("registering a case of any workflow on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  const ctx = (actor: ReturnType<typeof memberOf>) => ({ actor, ip: null, clock: systemClock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const workflowOf = async (who: ReturnType<typeof ctx>, name: string) =>
    (await inCounty((tx) => entryWorkflows(tx, who.actor))).find((w) => w.definition.name["zh-CN"] === name)!
      .workflowId;
  const caseCount = async () => (await inCounty((tx) => tx.select({ n: count() }).from(cases)))[0]!.n;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    ({ townshipId } = await inCounty((tx) => addTestStation(tx, "E5F6G7")));
  });
  afterAll(() => t.drop());

  it("offers each role the processes its county lets it register", async () => {
    const names = async (who: ReturnType<typeof ctx>) =>
      (await inCounty((tx) => entryWorkflows(tx, who.actor))).map((w) => w.definition.name["zh-CN"]);
    // Installed together at onboarding: in the order of their keys.
    expect(await names(ctx(memberOf(tenantId, "county_admin")))).toEqual([
      "代表建议办理",
      "矛盾纠纷调解",
      "法规草案意见征集",
      "信访件办理",
    ]);
    expect(await names(ctx(memberOf(tenantId, "township_operator", [townshipId])))).toEqual(["矛盾纠纷调解"]);
    expect(await names(ctx(memberOf(tenantId, "handling_unit_responder")))).toEqual([]);
  });

  it("opens a 信访 case with its start form, titled by its first answer, in its initial state", async () => {
    const admin = ctx(memberOf(tenantId, "county_admin"));
    const workflowId = await workflowOf(admin, "信访件办理");
    const data = { summary: "来信反映小区违建长期未处理", petitioner: "张某" };
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, admin, { workflowId, townshipId, channel: "letter", data }),
    );
    const [row] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(row).toMatchObject({
      kind: "letter",
      state: "registered",
      channel: "letter",
      townshipId,
      title: "来信反映小区违建长期未处理",
      assigneeRole: "county_admin",
    });
    expect((row!.snapshot as { context: { fields: unknown } }).context.fields).toMatchObject(data);
  });

  it("names a suggestion's lead deputy on the case, who then sees it", async () => {
    const admin = ctx(memberOf(tenantId, "county_admin"));
    const [user] = await t.db.withoutTenant((tx) =>
      tx.insert(users).values({ username: "deputy-lead", displayName: "韦建国", homeTenantId: tenantId }).returning(),
    );
    const [lead] = await inCounty((tx) =>
      tx.insert(deputies).values({ name: "韦建国", level: "county", townshipId, userId: user!.id }).returning(),
    );
    const workflowId = await workflowOf(admin, "代表建议办理");
    const data = { leadDeputy: lead!.id, content: "建议加快农村公路提质改造" };
    const { caseId } = await inCounty((tx) =>
      registerCase(tx, admin, { workflowId, townshipId, channel: "reception", data }),
    );
    const [row] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(row).toMatchObject({ kind: "suggestion", state: "assignment", deputyIds: [lead!.id] });
    const asLead = ctx({ ...memberOf(tenantId, "deputy"), userId: user!.id });
    expect((await inCounty((tx) => getCase(tx, asLead, caseId))).case.id).toBe(caseId);
    // A deputy that is not in the county is a bad reference, named on its field.
    await expect(
      inCounty((tx) =>
        registerCase(tx, admin, {
          workflowId,
          townshipId,
          channel: "reception",
          data: { ...data, leadDeputy: crypto.randomUUID() },
        }),
      ),
    ).rejects.toMatchObject({ fieldErrors: { "data.leadDeputy": "validation.invalidReference" } });
  });

  it("refuses a role the workflow does not let register, a township out of reach and a bad form, writing nothing", async () => {
    const admin = ctx(memberOf(tenantId, "county_admin"));
    const operator = ctx(memberOf(tenantId, "township_operator", [townshipId]));
    const letters = await workflowOf(admin, "信访件办理");
    const mediation = await workflowOf(admin, "矛盾纠纷调解");
    const before = { cases: await caseCount(), audit: (await inCounty((tx) => tx.select().from(auditLog))).length };
    const register = (who: ReturnType<typeof ctx>, input: Record<string, unknown>) =>
      inCounty((tx) => registerCase(tx, who, { townshipId, channel: "visit", ...input })).catch((e: unknown) => e);

    expect(await register(operator, { workflowId: letters, data: { summary: "来访" } })).toMatchObject({
      fieldErrors: { workflowId: "validation.entryNotAllowed" },
    });
    const elsewhere = ctx(memberOf(tenantId, "township_operator", [crypto.randomUUID()]));
    expect(await register(elsewhere, { workflowId: mediation, data: {} })).toBeInstanceOf(NotFoundError);
    const badForm = await register(operator, { workflowId: mediation, data: { parties: "甲乙两户" } });
    expect(badForm).toBeInstanceOf(ValidationError);
    expect((badForm as ValidationError).fieldErrors).toEqual({ "data.disputeSummary": "validation.required" });
    expect(await register(operator, { workflowId: mediation, channel: "fax", data: {} })).toMatchObject({
      fieldErrors: { channel: "validation.required" },
    });
    expect(await caseCount()).toBe(before.cases);
    expect((await inCounty((tx) => tx.select().from(auditLog))).length).toBe(before.audit);

    const { caseId } = (await register(operator, {
      workflowId: mediation,
      data: { parties: "甲乙两户", disputeSummary: "宅基地边界纠纷" },
    })) as { caseId: string };
    const [row] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(row).toMatchObject({ kind: "mediation", state: "accepted", title: "甲乙两户" });
  });
});
