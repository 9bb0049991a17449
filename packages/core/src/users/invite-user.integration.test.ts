import { auditLog, sessions, townships } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation, getInvitation } from "../auth/accept-invitation";
import { loadActor } from "../auth/load-actor";
import { signIn } from "../auth/sign-in";
import { systemClock } from "../clock";
import { ConflictError, ValidationError } from "../shared/errors";
import { onboardCounty } from "../tenants/onboard-county";
import { reissueInvitation } from "../tenants/reissue-invitation";
import { type countyAdminOf, createOperator } from "../testing/actors";
import { getTownship } from "../townships/get-township";
import { listTownships } from "../townships/list-townships";
import { inviteUser } from "./invite-user";
import { issuePasswordReset } from "./issue-password-reset";
import { listUsers } from "./list-users";
import { setUserDisabled } from "./set-user-disabled";

const PASSWORD = "千里江陵一日还两岸猿声";
const request = { ip: "10.2.2.2", userAgent: null };

describe.each(testDrivers())("inviting and scoping users on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let admin: ReturnType<typeof countyAdminOf>;
  let jinling: string;
  let shuangding: string;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    const operator = await createOperator(t.db);
    const onboarded = await onboardCounty(
      t.db,
      { actor: operator, ip: null, clock: systemClock },
      { divisionCode: "450107", adminUsername: "xxt-admin", adminDisplayName: "管理员" },
    );
    tenantId = onboarded.tenantId;
    const session = await acceptInvitation(
      t.db,
      onboarded.invitationToken,
      { password: PASSWORD, confirmPassword: PASSWORD },
      request,
      new Date(),
    );
    admin = (await loadActor(t.db, session.token, new Date()))!.actor;
    const rows = await t.db.withTenant(tenantId, (tx) => tx.select().from(townships));
    jinling = rows.find((r) => r.name === "金陵镇")!.id;
    shuangding = rows.find((r) => r.name === "双定镇")!.id;
  });
  afterAll(() => t.drop());

  const ctx = () => ({ actor: admin, ip: request.ip, clock: systemClock });
  /** 20 requests at once setting a password (`<prefix><n>`) through one link: who won, and why the rest lost. */
  const race = async (token: string, prefix: string) => {
    const passwords = Array.from({ length: 20 }, (_, i) => `${prefix}${i}`);
    const outcomes = await Promise.allSettled(
      passwords.map((password) =>
        acceptInvitation(t.db, token, { password, confirmPassword: password }, request, new Date()),
      ),
    );
    return {
      won: outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [passwords[i]!] : [])),
      refusals: outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as Error).message] : [])),
    };
  };

  it("refuses a township role without townships, an unknown township and a taken name", async () => {
    const invite = (input: object) => t.db.withTenant(tenantId, (tx) => inviteUser(tx, ctx(), input));
    const noScope = await invite({ username: "jl-op", displayName: "金陵", role: "township_operator" }).catch((e) => e);
    expect((noScope as ValidationError).fieldErrors).toEqual({ townshipIds: "validation.townshipRequired" });
    const unknown = await invite({
      username: "jl-op",
      displayName: "金陵",
      role: "township_operator",
      townshipIds: ["00000000-0000-4000-8000-000000000000"],
    }).catch((e) => e);
    expect((unknown as ValidationError).fieldErrors).toEqual({ townshipIds: "validation.unknownTownship" });
    await expect(invite({ username: "xxt-admin", displayName: "重名", role: "deputy" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await t.db.withTenant(tenantId, (tx) => listUsers(tx, ctx()))).toHaveLength(1);
  });

  it.each([
    ["a new user's invitation link", false],
    ["a password link issued again (the first one revoked)", true],
  ])("lets one of 20 requests racing with %s redeem it; the rest change nothing", async (_, reissued) => {
    const username = reissued ? "race-reissued" : "race-invited";
    const invited = await t.db.withTenant(tenantId, (tx) =>
      inviteUser(tx, ctx(), { username, displayName: "并发", role: "county_admin" }),
    );
    const { userId } = invited;
    const token = reissued
      ? await t.db.withTenant(tenantId, (tx) => reissueInvitation(tx, ctx(), userId))
      : invited.invitationToken;
    const { won, refusals } = await race(token, `${PASSWORD}`);
    expect(won).toHaveLength(1);
    // Each loser is told the link is used up (the page answers 410).
    expect(refusals).toEqual(Array(19).fill("errors.invitationInvalid"));
    const accepted = await t.db.withTenant(tenantId, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "invitation.accepted")),
    );
    expect(accepted.filter((row) => row.objectId === userId)).toHaveLength(1);
    const userSessions = await t.db.withoutTenant((tx) =>
      tx.select().from(sessions).where(eq(sessions.userId, userId)),
    );
    expect(userSessions).toHaveLength(1);
    // The password that counts is the winner's.
    await expect(signIn(t.db, { username, password: won[0]! }, request, new Date())).resolves.toMatchObject({
      ok: true,
      userId,
    });
    // A revoked first link opens nothing either.
    if (reissued) {
      await expect(
        acceptInvitation(
          t.db,
          invited.invitationToken,
          { password: PASSWORD, confirmPassword: PASSWORD },
          request,
          new Date(),
        ),
      ).rejects.toThrow("errors.invitationInvalid");
    }
  });

  it("lets one of 20 requests racing with a password reset link set the password; it ends the old session once", async () => {
    const username = "race-reset";
    const invited = await t.db.withTenant(tenantId, (tx) =>
      inviteUser(tx, ctx(), { username, displayName: "忘记密码", role: "county_admin" }),
    );
    const { userId } = invited;
    const first = await acceptInvitation(
      t.db,
      invited.invitationToken,
      { password: PASSWORD, confirmPassword: PASSWORD },
      request,
      new Date(),
    );
    const token = await t.db.withTenant(tenantId, (tx) => issuePasswordReset(tx, ctx(), userId));
    const { won, refusals } = await race(token, `${PASSWORD}新`);
    expect(won).toHaveLength(1);
    expect(refusals).toEqual(Array(19).fill("errors.invitationInvalid"));
    const resets = await t.db.withTenant(tenantId, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "user.password_reset")),
    );
    expect(resets.filter((row) => row.objectId === userId)).toHaveLength(1);
    // The session from before the reset is gone; the winner's is the only one.
    const userSessions = await t.db.withoutTenant((tx) =>
      tx.select().from(sessions).where(eq(sessions.userId, userId)),
    );
    expect(userSessions).toHaveLength(1);
    expect(await loadActor(t.db, first.token, new Date())).toBeNull();
    await expect(signIn(t.db, { username, password: PASSWORD }, request, new Date())).resolves.toMatchObject({
      ok: false,
    });
    await expect(signIn(t.db, { username, password: won[0]! }, request, new Date())).resolves.toMatchObject({
      ok: true,
      userId,
    });
  });

  it("keeps a township operator to the townships of their scope", async () => {
    const { invitationToken } = await t.db.withTenant(tenantId, (tx) =>
      inviteUser(tx, ctx(), {
        username: "jl-op",
        displayName: "金陵镇人大",
        role: "township_operator",
        townshipIds: [jinling],
      }),
    );
    const session = await acceptInvitation(
      t.db,
      invitationToken,
      { password: PASSWORD, confirmPassword: PASSWORD },
      request,
      new Date(),
    );
    const operator = (await loadActor(t.db, session.token, new Date()))!.actor;
    expect(operator.memberships).toEqual([{ role: "township_operator", townshipIds: [jinling] }]);

    const operatorCtx = { actor: operator, ip: null, clock: systemClock };
    const visible = await t.db.withTenant(tenantId, (tx) => listTownships(tx, operatorCtx));
    expect(visible.rows.map((r) => r.name)).toEqual(["金陵镇"]);
    await expect(t.db.withTenant(tenantId, (tx) => getTownship(tx, operatorCtx, jinling))).resolves.toMatchObject({
      township: { name: "金陵镇" },
    });
    await expect(t.db.withTenant(tenantId, (tx) => getTownship(tx, operatorCtx, shuangding))).rejects.toThrow();
    await expect(t.db.withTenant(tenantId, (tx) => listUsers(tx, operatorCtx))).rejects.toThrow(/Not allowed/);
  });

  it("ends a disabled user's sessions and keeps them out until enabled", async () => {
    const signedIn = await signIn(t.db, { username: "jl-op", password: PASSWORD }, request, new Date());
    expect(signedIn.ok).toBe(true);
    const token = signedIn.ok ? signedIn.token : "";
    const [user] = (await t.db.withTenant(tenantId, (tx) => listUsers(tx, ctx()))).filter(
      (u) => u.username === "jl-op",
    );

    await t.db.withTenant(tenantId, (tx) => setUserDisabled(tx, ctx(), { userId: user!.userId, disabled: true }));
    expect(await loadActor(t.db, token, new Date())).toBeNull();
    expect(await signIn(t.db, { username: "jl-op", password: PASSWORD }, request, new Date())).toEqual({
      ok: false,
      reason: "invalid",
    });
    await expect(
      t.db.withTenant(tenantId, (tx) => setUserDisabled(tx, ctx(), { userId: admin.userId, disabled: true })),
    ).rejects.toBeInstanceOf(ValidationError);

    await t.db.withTenant(tenantId, (tx) => setUserDisabled(tx, ctx(), { userId: user!.userId, disabled: false }));
    expect(await signIn(t.db, { username: "jl-op", password: PASSWORD }, request, new Date())).toMatchObject({
      ok: true,
    });
    const actions = (
      await t.db.withTenant(tenantId, (tx) => tx.select().from(auditLog).where(eq(auditLog.objectId, user!.userId)))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["user.invited", "invitation.accepted", "user.disabled", "user.enabled"]),
    );
  });

  it("issues an audited one-time reset link to a user who forgot their password; the old one and its sessions end", async () => {
    const NEW_PASSWORD = "朝辞白帝彩云间轻舟已过";
    const signedIn = await signIn(t.db, { username: "jl-op", password: PASSWORD }, request, new Date());
    const oldSession = signedIn.ok ? signedIn.token : "";
    const [user] = (await t.db.withTenant(tenantId, (tx) => listUsers(tx, ctx()))).filter(
      (u) => u.username === "jl-op",
    );
    const token = await t.db.withTenant(tenantId, (tx) => issuePasswordReset(tx, ctx(), user!.userId));
    // The link's page knows it resets a password (it is not an invitation to a new account).
    expect(await getInvitation(t.db, token, new Date())).toMatchObject({ username: "jl-op", reset: true });
    await acceptInvitation(t.db, token, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, request, new Date());
    expect(await loadActor(t.db, oldSession, new Date())).toBeNull();
    expect(await signIn(t.db, { username: "jl-op", password: PASSWORD }, request, new Date())).toMatchObject({
      ok: false,
    });
    expect(await signIn(t.db, { username: "jl-op", password: NEW_PASSWORD }, request, new Date())).toMatchObject({
      ok: true,
    });
    // Once only.
    await expect(
      acceptInvitation(t.db, token, { password: PASSWORD, confirmPassword: PASSWORD }, request, new Date()),
    ).rejects.toThrow();
    const audited = await t.db.withTenant(tenantId, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "user.password_reset_issued")),
    );
    expect(audited.filter((a) => a.objectId === user!.userId).map((a) => a.detail)).toEqual([{ username: "jl-op" }]);
    // Its use is logged as a reset, not as an accepted invitation.
    const used = await t.db.withTenant(tenantId, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.objectId, user!.userId)),
    );
    expect(
      used
        .map((a) => a.action)
        .filter((a) => a === "user.password_reset" || a === "invitation.accepted")
        .sort(),
    ).toEqual(["invitation.accepted", "user.password_reset"]);
    // Not for a user who has no password yet (they get their invitation again), nor one of another county.
    const pending = await t.db.withTenant(tenantId, (tx) =>
      inviteUser(tx, ctx(), { username: "reset-pending", displayName: "待激活", role: "county_admin" }),
    );
    const pendingId = (await t.db.withTenant(tenantId, (tx) => listUsers(tx, ctx()))).find(
      (u) => u.username === "reset-pending",
    )!.userId;
    expect(pending.invitationToken).toBeTruthy();
    await expect(t.db.withTenant(tenantId, (tx) => issuePasswordReset(tx, ctx(), pendingId))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(t.db.withTenant(tenantId, (tx) => issuePasswordReset(tx, ctx(), crypto.randomUUID()))).rejects.toThrow(
      "errors.notFound",
    );
  });
});
