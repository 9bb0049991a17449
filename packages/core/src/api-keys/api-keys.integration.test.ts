import { apiKeys, auditLog } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { memberOf, realMemberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { formatApiKey, parseApiKey } from "./api-key-token";
import { authenticateApiKey } from "./authenticate-api-key";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";

describe.each(testDrivers())("API keys on %s", (driver) => {
  let t: TestDatabase;
  let tenantA: string;
  let tenantB: string;
  let adminA: UseCaseContext;
  let adminB: UseCaseContext;
  const t0 = new Date("2026-03-02T02:00:00Z");

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantA = (await onboardTestCounty(t.db, "450107")).tenantId;
    tenantB = (await onboardTestCounty(t.db, "450103")).tenantId;
    adminA = { actor: await realMemberOf(t.db, tenantA, "county_admin"), ip: "203.0.113.1", clock: systemClock };
    adminB = { actor: await realMemberOf(t.db, tenantB, "county_admin"), ip: null, clock: systemClock };
  });
  afterAll(() => t.drop());

  const authenticate = (key: string, now = t0) =>
    t.db.withoutTenant(async (tx) => {
      const caller = await authenticateApiKey(tx, key, now);
      return caller && { tenantId: caller.tenantId, keyId: caller.keyId, divisionCode: caller.divisionCode };
    });

  it("creates a key shown once, authenticates it, lists it without its secret, and refuses it once revoked", async () => {
    const created = await t.db.withTenant(tenantA, (tx) => createApiKey(tx, adminA, { name: " 12345 热线 " }, t0));
    expect(created.name).toBe("12345 热线");
    expect(created.key).toMatch(/^rdk_450107_[0-9a-f-]{36}_[a-z2-7]{52}$/);
    const parsed = parseApiKey(created.key)!;
    const [row] = await t.db.withTenant(tenantA, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.id, created.id)));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(parsed.secret);

    expect(await authenticate(created.key)).toEqual({ tenantId: tenantA, keyId: created.id, divisionCode: "450107" });
    const listed = await t.db.withTenant(tenantA, (tx) => listApiKeys(tx, adminA));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      id: created.id,
      name: "12345 热线",
      revokedAt: null,
      createdByName: "county_admin",
    });
    expect(listed[0]!.lastUsedAt?.toISOString()).toBe(t0.toISOString());
    expect(JSON.stringify(listed)).not.toContain(parsed.secret);
    expect(JSON.stringify(listed)).not.toContain(row!.secretHash);

    // lastUsedAt moves at most once a minute.
    await authenticate(created.key, new Date(t0.getTime() + 30_000));
    const touched = async () =>
      (await t.db.withTenant(tenantA, (tx) => tx.select().from(apiKeys).where(eq(apiKeys.id, created.id))))[0]!
        .lastUsedAt;
    expect((await touched())?.toISOString()).toBe(t0.toISOString());
    const later = new Date(t0.getTime() + 61_000);
    await authenticate(created.key, later);
    expect((await touched())?.toISOString()).toBe(later.toISOString());

    await t.db.withTenant(tenantA, (tx) => revokeApiKey(tx, adminA, { id: created.id }, later));
    expect(await authenticate(created.key)).toBeNull();
    await expect(t.db.withTenant(tenantA, (tx) => revokeApiKey(tx, adminA, { id: created.id }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const audit = await t.db.withTenant(tenantA, (tx) =>
      tx.select({ action: auditLog.action, objectId: auditLog.objectId }).from(auditLog),
    );
    expect(audit.filter((a) => a.objectId === created.id).map((a) => a.action)).toEqual([
      "apiKey.create",
      "apiKey.revoke",
    ]);
  });

  it("refuses a wrong secret, a malformed key, and another county's key id under this county's code", async () => {
    const a = await t.db.withTenant(tenantA, (tx) => createApiKey(tx, adminA, { name: "A" }, t0));
    const b = await t.db.withTenant(tenantB, (tx) => createApiKey(tx, adminB, { name: "B" }, t0));
    const pa = parseApiKey(a.key)!;
    const pb = parseApiKey(b.key)!;
    expect(await authenticate(b.key)).toMatchObject({ tenantId: tenantB, divisionCode: "450103" });
    expect(await authenticate(formatApiKey("450107", pb.keyId, pb.secret))).toBeNull();
    expect(await authenticate(formatApiKey("450103", pa.keyId, pa.secret))).toBeNull();
    expect(await authenticate(formatApiKey("450107", pa.keyId, pb.secret))).toBeNull();
    expect(await authenticate(formatApiKey("999999", pa.keyId, pa.secret))).toBeNull();
    expect(await authenticate(`${a.key}x`)).toBeNull();
    expect(await authenticate("")).toBeNull();
    expect(await authenticate("rdk_450107_not-a-key_secret")).toBeNull();
    expect(await authenticate(a.key)).toMatchObject({ tenantId: tenantA });
  });

  it("lets only the county admin manage keys, and names bad input", async () => {
    const operator = { actor: memberOf(tenantA, "township_operator", []), ip: null, clock: systemClock };
    await expect(t.db.withTenant(tenantA, (tx) => createApiKey(tx, operator, { name: "x" }))).rejects.toThrow(
      /Not allowed/,
    );
    await expect(t.db.withTenant(tenantA, (tx) => listApiKeys(tx, operator))).rejects.toThrow(/Not allowed/);
    await expect(t.db.withTenant(tenantA, (tx) => createApiKey(tx, adminA, { name: " " }))).rejects.toMatchObject({
      fieldErrors: { name: "validation.required" },
    });
    // Another county's key is not found from here.
    const b = await t.db.withTenant(tenantB, (tx) => createApiKey(tx, adminB, { name: "B2" }, t0));
    await expect(t.db.withTenant(tenantA, (tx) => revokeApiKey(tx, adminA, { id: b.id }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await authenticate(b.key)).not.toBeNull();
  });
});
