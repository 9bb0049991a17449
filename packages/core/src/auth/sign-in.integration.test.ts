import { auditLog, platformAuditLog, users } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { systemClock } from "../clock";
import { onboardCounty } from "../tenants/onboard-county";
import { createOperator } from "../testing/actors";
import { acceptInvitation } from "./accept-invitation";
import { signIn } from "./sign-in";

const PASSWORD = "春眠不觉晓处处闻啼鸟";

async function countyWithAdmin(t: TestDatabase) {
  const actor = await createOperator(t.db);
  const onboarded = await onboardCounty(
    t.db,
    { actor, ip: null, clock: systemClock },
    { divisionCode: "320582", adminUsername: "zjg-admin", adminDisplayName: "张家港管理员" },
  );
  await acceptInvitation(
    t.db,
    onboarded.invitationToken,
    { password: PASSWORD, confirmPassword: PASSWORD },
    { ip: null, userAgent: null },
    new Date(),
  );
  return onboarded.tenantId;
}

describe.each(testDrivers())("signing in on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = await countyWithAdmin(t);
  });
  afterAll(() => t.drop());

  it("answers an unknown name exactly as a wrong password", async () => {
    const request = { ip: "10.0.0.1", userAgent: null };
    const wrong = await signIn(t.db, { username: "zjg-admin", password: "nope" }, request, new Date());
    const unknown = await signIn(t.db, { username: "no-such-user", password: "nope" }, request, new Date());
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("locks the account after five wrong passwords, even for the right one, and audits each attempt", async () => {
    const request = { ip: "10.0.0.2", userAgent: null };
    const now = new Date();
    // One failure already happened in the test above, from another address.
    for (let i = 0; i < 4; i++) {
      expect(await signIn(t.db, { username: "zjg-admin", password: `wrong-${i}` }, request, now)).toMatchObject({
        ok: false,
        reason: "invalid",
      });
    }
    const locked = await signIn(t.db, { username: "zjg-admin", password: PASSWORD }, request, now);
    expect(locked).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 60 });
    // An unknown name locks the same way, so a lock tells nothing about existence.
    for (let i = 0; i < 5; i++)
      await signIn(t.db, { username: "ghost", password: "x" }, { ip: `10.9.0.${i}`, userAgent: null }, now);
    expect(await signIn(t.db, { username: "ghost", password: "x" }, request, now)).toMatchObject({ reason: "locked" });

    const later = new Date(now.getTime() + 61_000);
    expect(await signIn(t.db, { username: "zjg-admin", password: PASSWORD }, request, later)).toMatchObject({
      ok: true,
    });

    const countyAudit = await t.db.withTenant(tenantId, (tx) => tx.select().from(auditLog));
    const failures = countyAudit.filter((a) => a.action === "auth.sign_in_failed");
    expect(failures).toHaveLength(5);
    expect(failures.every((a) => a.ip && a.actorUserId)).toBe(true);
    expect(countyAudit.filter((a) => a.action === "auth.signed_in").length).toBeGreaterThanOrEqual(2);
    const platform = await t.db.withoutTenant((tx) =>
      tx.select().from(platformAuditLog).where(eq(platformAuditLog.action, "auth.sign_in_locked")),
    );
    expect(platform.length).toBeGreaterThanOrEqual(2);
    expect(await t.db.withTenant(tenantId, (tx) => verifyAuditChain(tx))).toEqual([]);
  });

  it("does not let a disabled user in", async () => {
    await t.db.withoutTenant((tx) =>
      tx.update(users).set({ disabledAt: new Date() }).where(eq(users.username, "zjg-admin")),
    );
    expect(
      await signIn(
        t.db,
        { username: "zjg-admin", password: PASSWORD },
        { ip: "10.0.0.3", userAgent: null },
        new Date(),
      ),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    await t.db.withoutTenant((tx) => tx.update(users).set({ disabledAt: null }).where(eq(users.username, "zjg-admin")));
  });
});

// Changing a row needs the owner with the trigger off: only possible on a real server.
describe.each(testDrivers().filter((d) => d === "postgres"))("the audit chain on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = await countyWithAdmin(t);
    await signIn(t.db, { username: "zjg-admin", password: "wrong" }, { ip: "10.0.0.9", userAgent: null }, new Date());
  });
  afterAll(() => t.drop());

  it("detects a row changed behind the app's back", async () => {
    await t.asOwner(async (owner) => {
      expect(await t.db.withTenant(tenantId, (tx) => verifyAuditChain(tx))).toEqual([]);
      await owner.begin(async (q) => {
        await q`select set_config('app.tenant_id', ${tenantId}, true)`;
        await q`alter table audit_log disable trigger audit_log_append_only`;
        await q`update audit_log set action = 'auth.nothing_happened' where seq = 2`;
        await q`alter table audit_log enable trigger audit_log_append_only`;
      });
    });
    expect(await t.db.withTenant(tenantId, (tx) => verifyAuditChain(tx))).toEqual([2]);
  });
});
