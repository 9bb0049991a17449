import { randomUUID } from "node:crypto";
import { sessions, tenants, users } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword, ZNewPassword } from "./password";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  validateSessionToken,
} from "./session";
import { ACCOUNT_FAILURE_LIMIT, clearAccountFailures, lockedUntil, recordFailure } from "./throttle";

describe.each(testDrivers())("sessions and sign-in throttling on %s", (driver) => {
  let t: TestDatabase;
  let userId: string;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = randomUUID();
    userId = await t.db.withoutTenant(async (tx) => {
      await tx
        .insert(tenants)
        .values({ id: tenantId, divisionCode: "450107", name: "西乡塘区", provinceName: "广西", cityName: "南宁市" });
      const [user] = await tx
        .insert(users)
        .values({ username: "liu", displayName: "刘", homeTenantId: tenantId })
        .returning();
      return user!.id;
    });
  });
  afterAll(() => t.drop());

  const session = (now = new Date()) => t.db.withoutTenant((tx) => createSession(tx, userId, { ip: "127.0.0.1" }, now));
  const validate = (token: string, now = new Date()) =>
    t.db.withoutTenant((tx) => validateSessionToken(tx, token, now));

  it("stores only the SHA-256 of the secret and accepts the token", async () => {
    const { token } = await session();
    const [id, secret] = token.split(".");
    const [row] = await t.db.withoutTenant((tx) => tx.select().from(sessions).where(eq(sessions.id, id!)));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.secretHash).not.toContain(secret!);
    expect(await validate(token)).toMatchObject({ userId });
  });

  it("refuses a token with a wrong secret or a malformed token", async () => {
    const { token } = await session();
    const [id] = token.split(".");
    expect(await validate(`${id}.wrongsecret`)).toBeNull();
    expect(await validate("garbage")).toBeNull();
    expect(await validate(`${token}.extra`)).toBeNull();
  });

  it("slides the idle deadline and ends the session when idle too long or too old", async () => {
    const start = new Date("2026-11-20T01:00:00Z");
    const { token } = await session(start);
    const later = new Date(start.getTime() + SESSION_IDLE_TIMEOUT_MS - 60_000);
    const slid = await validate(token, later);
    expect(slid!.expiresAt.getTime()).toBe(later.getTime() + SESSION_IDLE_TIMEOUT_MS);
    expect(await validate(token, new Date(later.getTime() + SESSION_IDLE_TIMEOUT_MS + 1))).toBeNull();

    // Used every hour, it still ends at the absolute limit.
    const busy = await session(start);
    let now = start.getTime();
    while (now + 60 * 60 * 1000 < start.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS) {
      now += 60 * 60 * 1000;
      expect(await validate(busy.token, new Date(now))).not.toBeNull();
    }
    expect(await validate(busy.token, new Date(start.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS))).toBeNull();
  });

  it("revokes on sign-out and on password change, server-side", async () => {
    const one = await session();
    const two = await session();
    await t.db.withoutTenant((tx) => invalidateSession(tx, one.token.split(".")[0]!));
    expect(await validate(one.token)).toBeNull();
    expect(await validate(two.token)).not.toBeNull();
    await t.db.withoutTenant((tx) => invalidateUserSessions(tx, userId));
    expect(await validate(two.token)).toBeNull();
  });

  it("ends the sessions of a disabled user and of a suspended county", async () => {
    const { token } = await session();
    await t.db.withoutTenant((tx) => tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId)));
    expect(await validate(token)).toBeNull();
    await t.db.withoutTenant((tx) => tx.update(users).set({ disabledAt: null }).where(eq(users.id, userId)));

    const other = await session();
    await t.db.withoutTenant((tx) => tx.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, tenantId)));
    expect(await validate(other.token)).toBeNull();
    await t.db.withoutTenant((tx) => tx.update(tenants).set({ status: "active" }).where(eq(tenants.id, tenantId)));
  });

  it("locks an account name after five failures, with a lock that doubles", async () => {
    const keys = { account: "wang", address: "10.0.0.1" };
    const now = new Date("2026-11-20T02:00:00Z");
    for (let i = 1; i < ACCOUNT_FAILURE_LIMIT; i++) {
      await t.db.withoutTenant((tx) => recordFailure(tx, keys, now));
      expect(await t.db.withoutTenant((tx) => lockedUntil(tx, keys, now))).toBeNull();
    }
    await t.db.withoutTenant((tx) => recordFailure(tx, keys, now));
    const first = await t.db.withoutTenant((tx) => lockedUntil(tx, keys, now));
    expect(first!.getTime() - now.getTime()).toBe(60_000);

    const afterFirst = new Date(first!.getTime() + 1);
    expect(await t.db.withoutTenant((tx) => lockedUntil(tx, keys, afterFirst))).toBeNull();
    await t.db.withoutTenant((tx) => recordFailure(tx, keys, afterFirst));
    const second = await t.db.withoutTenant((tx) => lockedUntil(tx, keys, afterFirst));
    expect(second!.getTime() - afterFirst.getTime()).toBe(120_000);

    await t.db.withoutTenant((tx) => clearAccountFailures(tx, "wang"));
    expect(
      await t.db.withoutTenant((tx) => lockedUntil(tx, { account: "wang", address: null }, afterFirst)),
    ).toBeNull();
  });
});

describe("passwords", () => {
  it("hashes with Argon2id and verifies", async () => {
    const hash = await hashPassword("长城长城长城长城");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "长城长城长城长城")).toBe(true);
    expect(await verifyPassword(hash, "长城长城长城长")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });

  it("refuses short and common passwords with an i18n key", () => {
    expect(ZNewPassword.safeParse("short").error?.issues[0]?.message).toBe("validation.passwordTooShort");
    expect(ZNewPassword.safeParse("12345678").error?.issues[0]?.message).toBe("validation.passwordTooCommon");
    expect(ZNewPassword.safeParse("a long and memorable passphrase").success).toBe(true);
  });
});
