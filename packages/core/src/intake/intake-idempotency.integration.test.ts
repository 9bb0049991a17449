import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cases, type Database, files, openPostgres } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Upload } from "../files/save-uploaded-images";
import { IdempotencyKeyReusedError } from "../shared/errors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { solvedChallenge, TEST_INTAKE_SECRET } from "../testing/proof-of-work";
import { submitPublicOpinion } from "./submit-public-opinion";

// ALTCHA checks a challenge's expiry against the real clock, so these are real times.
const submittedAt = new Date();
const shownAt = new Date(submittedAt.getTime() - 60_000);
const PUBLIC_CODE = "450107-K7M2Q2";

const photo = async (background: string): Promise<Upload> => ({
  bytes: new Uint8Array(
    await sharp({ create: { width: 32, height: 24, channels: 3, background } })
      .jpeg()
      .toBuffer(),
  ),
  filename: "路灯.jpg",
  declaredType: "image/jpeg",
});

describe.each(testDrivers())("the public form's idempotency key on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let directory: string;
  /** For the race: as many connections as submissions, so that they really run at once. */
  let racing: Database;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    await t.db.withTenant(tenantId, (tx) => addTestStation(tx, "K7M2Q2"));
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "rdlink-intake-key-"));
    racing = t.appUrl ? await openPostgres({ url: t.appUrl, max: 20 }) : t.db;
  });
  afterAll(async () => {
    if (racing !== t.db) await racing.close();
    await t.drop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  const submit = (
    intakeKey: string,
    form: Record<string, unknown>,
    options: { photos?: Upload[]; db?: Database } = {},
  ) =>
    submitPublicOpinion(options.db ?? t.db, PUBLIC_CODE, {
      form: { category: "urbanConstruction", ...form },
      photos: options.photos ?? [],
      intakeKey,
      secret: TEST_INTAKE_SECRET,
      now: submittedAt,
      filesDirectory: directory,
    });
  const written = () =>
    t.db.withTenant(tenantId, async (tx) => ({
      cases: (await tx.select().from(cases)).length,
      files: (await tx.select().from(files)).length,
    }));
  /** Files under the store directory, staged ones included. */
  const filesOnDisk = () =>
    fs.readdirSync(directory, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;

  it("refuses the same key with other text or other photos (422), writing nothing", async () => {
    const intakeKey = randomUUID();
    const firstAltcha = await solvedChallenge(shownAt);
    const first = await submit(
      intakeKey,
      { content: "村口路灯坏了三个月", altcha: firstAltcha },
      { photos: [await photo("#3a6")] },
    );
    const before = { rows: await written(), disk: filesOnDisk() };

    const others: [Record<string, unknown>, Upload[]][] = [
      // Other text, with a puzzle of its own or the first one's (a double tap after an edit).
      [{ content: "村口路灯坏了半年", altcha: await solvedChallenge(shownAt) }, [await photo("#3a6")]],
      [{ content: "村口路灯坏了半年", altcha: firstAltcha }, [await photo("#3a6")]],
      // The same text with another photo, or with none.
      [{ content: "村口路灯坏了三个月", altcha: await solvedChallenge(shownAt) }, [await photo("#a33")]],
      [{ content: "村口路灯坏了三个月", altcha: await solvedChallenge(shownAt) }, []],
    ];
    for (const [form, photos] of others) {
      const error = await submit(intakeKey, form, { photos }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
      expect(error).toMatchObject({ status: 422 });
    }
    expect(await written()).toEqual(before.rows);
    expect(filesOnDisk()).toBe(before.disk);
    const [kept] = await t.db.withTenant(tenantId, (tx) =>
      tx.select().from(cases).where(eq(cases.trackingCode, first.trackingCode)),
    );
    expect(kept!.title).toBe("村口路灯坏了三个月");

    // The same content again, even with its keys in another order: the first case's code.
    const again = await submit(
      intakeKey,
      { altcha: await solvedChallenge(shownAt), content: "村口路灯坏了三个月" },
      { photos: [await photo("#3a6")] },
    );
    expect(again).toEqual({ trackingCode: first.trackingCode, repeated: true });
    expect(await written()).toEqual(before.rows);
  });

  it("answers 20 concurrent identical submissions with one case and its one tracking code", async () => {
    const intakeKey = randomUUID();
    const before = await written();
    // A double tap sends one puzzle twice; a reloaded tab solves its own. Half and half.
    const shared = await solvedChallenge(shownAt);
    const altchas = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? shared : solvedChallenge(shownAt))),
    );
    const lamp = await photo("#3a6");
    const disk = filesOnDisk();
    const results = await Promise.all(
      altchas.map((altcha) =>
        submit(intakeKey, { content: "小区门口的路灯一直不亮", altcha }, { photos: [lamp], db: racing }),
      ),
    );
    const codes = new Set(results.map((r) => r.trackingCode));
    expect(codes.size).toBe(1);
    expect(results.filter((r) => !r.repeated)).toHaveLength(1);
    const rows = await t.db.withTenant(tenantId, (tx) => tx.select().from(cases).where(eq(cases.intakeKey, intakeKey)));
    expect(rows.map((r) => r.trackingCode)).toEqual([...codes]);
    expect(await written()).toEqual({ cases: before.cases + 1, files: before.files + 1 });
    // The losers' photos went with their transactions.
    expect(filesOnDisk()).toBe(disk + 1);
  }, 120_000);
});
