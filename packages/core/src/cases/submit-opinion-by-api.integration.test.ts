import { randomUUID } from "node:crypto";
import { cases, stations, stationTypes, townships } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { IdempotencyKeyReusedError, NotFoundError, type ValidationError } from "../shared/errors";
import { memberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { listCases } from "./list-cases";
import { submitOpinionByApi } from "./submit-opinion-by-api";
import { trackCaseByApi } from "./track-case-by-api";

describe.each(testDrivers())("opinions through the API on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let otherTenant: string;
  const town: string[] = [];
  const station: string[] = [];
  const keyId = randomUUID();
  const now = new Date();

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    otherTenant = (await onboardTestCounty(t.db, "450103")).tenantId;
    await t.db.withTenant(tenantId, async (tx) => {
      const found = await tx.select({ id: townships.id }).from(townships).limit(2);
      town.push(...found.map((x) => x.id));
      const [type] = await tx.select({ id: stationTypes.id }).from(stationTypes).limit(1);
      for (const [i, townshipId] of town.entries()) {
        const [row] = await tx
          .insert(stations)
          .values({ stationTypeId: type!.id, townshipId, name: `联络站${i}`, code: `K7M2Q${i + 2}` })
          .returning({ id: stations.id });
        station.push(row!.id);
      }
    });
  });
  afterAll(() => t.drop());

  const submit = (body: unknown, idempotencyKey: string | null = randomUUID(), inTenant = tenantId) =>
    t.db.withTenant(inTenant, (tx) => submitOpinionByApi(tx, { keyId, body, idempotencyKey, now }));
  const caseCount = () => t.db.withTenant(tenantId, async (tx) => (await tx.select().from(cases)).length);
  const valid = {
    stationCode: "450107-k7m2q3",
    content: "小区门口的路灯坏了三个月",
    category: "urbanConstruction",
    submitterName: "李先生",
    submitterPhone: "13812345678",
    consent: true,
    externalId: "12345-2026-000123",
  };

  it("opens a case with channel api at the station's township, on that township's desk", async () => {
    const result = await submit(valid);
    expect(result).toMatchObject({ created: true, state: "registered" });
    expect(result.trackingCode).toMatch(/^450107-[2-9A-HJKMNP-Z]{8}$/);
    const [row] = await t.db.withTenant(tenantId, (tx) => tx.select().from(cases).where(eq(cases.id, result.caseId)));
    expect(row).toMatchObject({
      channel: "api",
      stationId: station[1],
      townshipId: town[1],
      submitterPhone: "13812345678",
      category: "urbanConstruction",
    });
    expect(row!.intakeKey).toMatch(new RegExp(`^api:${keyId}:`));
    const desk = (townshipId: string) =>
      t.db.withTenant(tenantId, (tx) =>
        listCases(
          tx,
          { actor: memberOf(tenantId, "township_operator", [townshipId]), ip: null, clock: systemClock },
          { view: "all" },
          now,
        ),
      );
    expect((await desk(town[1]!)).cases.map((c) => c.id)).toContain(result.caseId);
    expect((await desk(town[0]!)).cases.map((c) => c.id)).not.toContain(result.caseId);

    // By id too; the tracking view has no personal data, and only for this county.
    const byId = await submit({ ...valid, stationCode: station[0], submitterPhone: undefined, consent: false });
    const [second] = await t.db.withTenant(tenantId, (tx) => tx.select().from(cases).where(eq(cases.id, byId.caseId)));
    expect(second).toMatchObject({ townshipId: town[0], stationId: station[0], submitterPhone: null });
    const tracked = await t.db.withoutTenant((tx) => trackCaseByApi(tx, "450107", result.trackingCode.toLowerCase()));
    expect(tracked).toMatchObject({ trackingCode: result.trackingCode, state: "registered", closed: false });
    expect(JSON.stringify(tracked)).not.toMatch(/13812345678|李先生/);
    await expect(t.db.withoutTenant((tx) => trackCaseByApi(tx, "450103", result.trackingCode))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(t.db.withoutTenant((tx) => trackCaseByApi(tx, "450107", "450107-22222222"))).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("answers the same case for the same Idempotency-Key and body, refuses it with another body, writes nothing", async () => {
    const key = randomUUID();
    const first = await submit(valid, key);
    const before = await caseCount();
    // The same content with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(valid).reverse());
    expect(await submit(reordered, key)).toEqual({ ...first, created: false });
    await expect(submit({ ...valid, content: "另一条完全不同的意见内容" }, key)).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    expect(await caseCount()).toBe(before);
    // A case kept from before fingerprints (none stored) replays whatever comes with its key.
    await t.db.withTenant(tenantId, (tx) =>
      tx
        .update(cases)
        .set({ intakeFingerprint: null })
        .where(and(eq(cases.tenantId, tenantId), eq(cases.id, first.caseId))),
    );
    expect(await submit({ ...valid, content: "另一条完全不同的意见内容" }, key)).toEqual({ ...first, created: false });
    expect(await caseCount()).toBe(before);
    // Another key's idempotency keys are its own.
    const other = await t.db.withTenant(tenantId, (tx) =>
      submitOpinionByApi(tx, { keyId: randomUUID(), body: valid, idempotencyKey: key, now }),
    );
    expect(other.trackingCode).not.toBe(first.trackingCode);
    // Without a key every request is a new case.
    expect((await submit(valid, null)).trackingCode).not.toBe((await submit(valid, null)).trackingCode);
  });

  it("names every bad field at once and writes nothing", async () => {
    const before = await caseCount();
    const error = (await submit({
      stationCode: "450107-ZZZZZZ",
      content: "短",
      category: "x",
      submitterPhone: "12345",
      externalId: 7,
    }).catch((e: unknown) => e)) as ValidationError;
    expect(error.fieldErrors).toEqual({
      stationCode: "validation.invalidReference",
      content: "validation.tooShort",
      category: "validation.required",
      submitterPhone: "validation.invalidPhone",
      externalId: "validation.invalid",
    });
    await expect(submit({ ...valid, submitterPhone: "13812345678", consent: false })).rejects.toMatchObject({
      fieldErrors: { consent: "validation.consentRequired" },
    });
    // Another county's station, by code or by id, is not a station here.
    await expect(submit({ ...valid, stationCode: "450103-K7M2Q2" })).rejects.toMatchObject({
      fieldErrors: { stationCode: "validation.invalidReference" },
    });
    await expect(submit({ ...valid, stationCode: station[0] }, randomUUID(), otherTenant)).rejects.toMatchObject({
      fieldErrors: { stationCode: "validation.invalidReference" },
    });
    await expect(submit([valid])).rejects.toMatchObject({ formError: "validation.invalid" });
    await expect(submit(valid, "has spaces")).rejects.toMatchObject({
      fieldErrors: { "Idempotency-Key": "validation.invalid" },
    });
    // A closed station takes no new opinions.
    await t.db.withTenant(tenantId, (tx) =>
      tx.update(stations).set({ status: "closed" }).where(eq(stations.id, station[0]!)),
    );
    await expect(submit({ ...valid, stationCode: "450107-K7M2Q2" })).rejects.toMatchObject({
      fieldErrors: { stationCode: "validation.invalidReference" },
    });
    expect(await caseCount()).toBe(before);
  });
});
