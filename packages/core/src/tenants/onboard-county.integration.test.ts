import { auditLog, checklists, communities, dutyPosts, stationTypes, tenants, townships, users } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, getInvitation } from "../auth/accept-invitation";
import { signIn } from "../auth/sign-in";
import { systemClock } from "../clock";
import { ConflictError, ValidationError } from "../shared/errors";
import { createOperator } from "../testing/actors";
import { onboardCounty } from "./onboard-county";
import { setTenantStatus } from "./set-tenant-status";

const request = { ip: "10.1.1.1", userAgent: "vitest" };

describe.each(testDrivers())("onboarding a county on %s", (driver) => {
  let t: TestDatabase;
  let ctx: Awaited<ReturnType<typeof setup>>;
  const setup = async () => ({ actor: await createOperator(t.db), ip: request.ip, clock: systemClock });

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ctx = await setup();
  });
  afterAll(() => t.drop());

  it("creates the tenant with its real streets and townships, the template and an invited admin", async () => {
    const result = await onboardCounty(t.db, ctx, {
      divisionCode: "450107",
      adminUsername: "XXT-Admin",
      adminDisplayName: "西乡塘区管理员",
    });
    expect(result.townshipCount).toBe(15);
    expect(result.communityCount).toBe(157);
    const data = await t.db.withTenant(result.tenantId, async (tx) => ({
      tenant: (await tx.select().from(tenants).where(eq(tenants.id, tx.tenantId)))[0],
      townships: await tx.select().from(townships),
      communities: await tx.select().from(communities),
      types: await tx.select().from(stationTypes),
      posts: await tx.select().from(dutyPosts),
      checklist: (await tx.select().from(checklists))[0],
      audit: await tx.select().from(auditLog),
    }));
    expect(data.tenant).toMatchObject({
      name: "西乡塘区",
      cityName: "南宁市",
      provinceName: "广西壮族自治区",
      status: "active",
    });
    expect(data.townships.map((x) => x.name)).toEqual(
      expect.arrayContaining(["衡阳街道", "金陵镇", "坛洛镇", "心圩街道"]),
    );
    expect(data.townships.find((x) => x.name === "金陵镇")).toMatchObject({ kind: "town", divisionCode: "450107100" });
    // Its real villages and communities, each under its township.
    const jinling = data.townships.find((x) => x.name === "金陵镇")!;
    const xiangsihu = data.communities.find((x) => x.name === "相思湖社区");
    expect(xiangsihu).toMatchObject({ divisionCode: "450107007004" });
    expect(data.townships.find((x) => x.id === xiangsihu!.townshipId)!.name).toBe("上尧街道");
    expect(data.communities.filter((x) => x.townshipId === jinling.id).map((x) => x.name)).toEqual(
      expect.arrayContaining(["金陵村", "那龙社区", "陆平村"]),
    );
    expect(data.types.map((x) => x.name)).toContain("基层立法联系点");
    expect(data.types).toHaveLength(6);
    expect(data.posts.map((x) => x.name)).toContain("法律服务岗");
    expect(data.posts).toHaveLength(10);
    expect(data.checklist).toMatchObject({ name: "十有" });
    expect(data.checklist!.items).toHaveLength(10);
    expect(data.audit.map((a) => a.action)).toEqual(["tenant.onboarded"]);

    // The admin's link shows who is invited, sets a password once, then signs them in.
    expect(await getInvitation(t.db, result.invitationToken, new Date())).toMatchObject({
      username: "xxt-admin",
      tenantName: "西乡塘区",
    });
    const session = await acceptInvitation(
      t.db,
      result.invitationToken,
      { password: "长风破浪会有时直挂云帆", confirmPassword: "长风破浪会有时直挂云帆" },
      request,
      new Date(),
    );
    expect(session.token).toContain(".");
    await expect(getInvitation(t.db, result.invitationToken, new Date())).rejects.toThrow("errors.invitationInvalid");
    expect(
      await signIn(t.db, { username: "xxt-admin", password: "长风破浪会有时直挂云帆" }, request, new Date()),
    ).toMatchObject({
      ok: true,
    });
  });

  it("refuses a county that is already a tenant, and an unknown division code, writing nothing", async () => {
    const before = await t.db.withoutTenant((tx) => tx.select().from(users));
    await expect(
      onboardCounty(t.db, ctx, { divisionCode: "450107", adminUsername: "another", adminDisplayName: "另一个" }),
    ).rejects.toBeInstanceOf(ConflictError);
    const unknown = await onboardCounty(t.db, ctx, {
      divisionCode: "999999",
      adminUsername: "nobody",
      adminDisplayName: "无",
    }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).fieldErrors).toEqual({ divisionCode: "validation.unknownDivision" });
    const bad = await onboardCounty(t.db, ctx, { divisionCode: "12", adminUsername: "x", adminDisplayName: "" }).catch(
      (e: unknown) => e,
    );
    expect((bad as ValidationError).fieldErrors).toEqual({
      divisionCode: "validation.divisionCode",
      adminUsername: "validation.usernameLength",
      adminDisplayName: "validation.required",
    });
    expect(await t.db.withoutTenant((tx) => tx.select().from(users))).toHaveLength(before.length);
    expect(await t.db.withoutTenant((tx) => tx.select().from(tenants))).toHaveLength(1);
  });

  it("rolls the whole onboarding back when the admin name is taken", async () => {
    const error = await onboardCounty(t.db, ctx, {
      divisionCode: "450103",
      adminUsername: "xxt-admin",
      adminDisplayName: "重名",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(
      await t.db.withoutTenant((tx) => tx.select().from(tenants).where(eq(tenants.divisionCode, "450103"))),
    ).toEqual([]);
  });

  it("keeps a suspended county's users out until it is reactivated", async () => {
    const [tenant] = await t.db.withoutTenant((tx) =>
      tx.select().from(tenants).where(eq(tenants.divisionCode, "450107")),
    );
    const credentials = { username: "xxt-admin", password: "长风破浪会有时直挂云帆" };
    await t.db.withTenant(tenant!.id, (tx) => setTenantStatus(tx, ctx, { status: "suspended" }));
    expect(await signIn(t.db, credentials, request, new Date())).toEqual({ ok: false, reason: "invalid" });
    await t.db.withTenant(tenant!.id, (tx) => setTenantStatus(tx, ctx, { status: "active" }));
    expect(await signIn(t.db, credentials, request, new Date())).toMatchObject({ ok: true });
  });
});
