import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { cases, files } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { submitPublicOpinion } from "../intake/submit-public-opinion";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { solvedChallenge, TEST_INTAKE_SECRET } from "../testing/proof-of-work";
import { saveUploadedImages, type Upload } from "./save-uploaded-images";
import { StagedFiles, withStagedFiles } from "./staged-files";
import { UploadError } from "./store-image";
import { ORPHAN_AGE_MS, sweepOrphanFiles } from "./sweep-orphan-files";

// ALTCHA checks a challenge's expiry against the real clock, so these are real times.
const submittedAt = new Date();
const shownAt = new Date(submittedAt.getTime() - 60_000);
const HOUR = 3_600_000;

const photo = async (name = "路灯.jpg"): Promise<Upload> => ({
  bytes: new Uint8Array(
    await sharp({ create: { width: 32, height: 24, channels: 3, background: "#3a6" } })
      .jpeg()
      .toBuffer(),
  ),
  filename: name,
  declaredType: "image/jpeg",
});
/** A script named and typed as a photo. */
const disguised: Upload = {
  bytes: new TextEncoder().encode("<script>alert(1)</script>"),
  filename: "照片.jpg",
  declaredType: "image/jpeg",
};

describe.each(testDrivers())("stored files and their rows on %s", (driver) => {
  let t: TestDatabase;
  let countyA: string;
  let countyB: string;
  let directory: string;
  /** A re-encoded photo, as storeImage leaves one. */
  let sample: Uint8Array;

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    countyA = (await onboardTestCounty(t.db, "450107")).tenantId;
    countyB = (await onboardTestCounty(t.db, "450103")).tenantId;
    await t.db.withTenant(countyA, (tx) => addTestStation(tx, "K7M2Q2"));
    sample = (await photo()).bytes;
  });
  afterAll(() => t.drop());
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "rdlink-files-"));
    return () => fs.rmSync(directory, { recursive: true, force: true });
  });

  /** Every file under the store directory, staged ones included, by path inside it. */
  const onDisk = () =>
    fs
      .readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
      .sort();
  const rowsOf = async (tenantId: string) =>
    t.db.withTenant(tenantId, async (tx) => ({
      files: await tx.select().from(files),
      cases: await tx.select().from(cases),
    }));
  const submit = async (photos: Upload[]) =>
    submitPublicOpinion(t.db, "450107-K7M2Q2", {
      form: { content: "村口路灯坏了三个月", category: "urbanConstruction", altcha: await solvedChallenge(shownAt) },
      photos,
      intakeKey: randomUUID(),
      secret: TEST_INTAKE_SECRET,
      now: submittedAt,
      filesDirectory: directory,
    });
  /** Stores a photo for a county as a use case does; `publish: false` stops where a killed process would. */
  const storeFor = async (tenantId: string, options: { publish: boolean }) => {
    const staged = new StagedFiles(directory);
    const [id] = await t.db.withTenant(tenantId, (tx) =>
      saveUploadedImages(tx, null, [{ bytes: sample, filename: "a.jpg" }], { staged, maxFiles: 1 }),
    );
    if (options.publish) await staged.publish();
    return `${id}.jpg`;
  };

  it("keeps no file and no row of a submission refused for a disguised photo beside a good one", async () => {
    const before = await rowsOf(countyA);
    const refused = await submit([await photo(), disguised]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UploadError);
    expect(refused).toMatchObject({ status: 415, messageKey: "errors.fileTypeMismatch" });
    expect(onDisk()).toEqual([]);
    const after = await rowsOf(countyA);
    expect(after.files).toHaveLength(before.files.length);
    expect(after.cases).toHaveLength(before.cases.length);

    // Accepted, its photos are in place (not staged) with their rows.
    await submit([await photo(), await photo("b.jpg")]);
    const earlier = new Set(before.files.map((f) => f.id));
    const stored = (await rowsOf(countyA)).files.filter((f) => !earlier.has(f.id)).map((f) => f.storedName);
    expect(stored).toHaveLength(2);
    expect(onDisk()).toEqual(stored.sort());
  });

  it("removes the photos of a use case that fails after storing them, with their rows", async () => {
    const before = (await rowsOf(countyB)).files.length;
    const failed = await withStagedFiles(directory, (staged) =>
      t.db.withTenant(countyB, async (tx) => {
        await saveUploadedImages(tx, null, [await photo()], { staged, maxFiles: 1 });
        throw new Error("failed after storing");
      }),
    ).catch((error: unknown) => error);
    expect(failed).toMatchObject({ message: "failed after storing" });
    expect(onDisk()).toEqual([]);
    expect((await rowsOf(countyB)).files).toHaveLength(before);
  });

  it("sweeps files no county's row names once a day old, keeps the others, and finishes moves a crash cut short", async () => {
    const referenced = await storeFor(countyB, { publish: true });
    const stagedWithRow = await storeFor(countyB, { publish: false }); // committed, then the process died
    const orphan = `${randomUUID()}.jpg`;
    const freshOrphan = `${randomUUID()}.png`;
    const staleStaged = `${randomUUID()}.jpg`;
    fs.writeFileSync(path.join(directory, orphan), sample);
    fs.writeFileSync(path.join(directory, freshOrphan), sample);
    fs.writeFileSync(path.join(directory, ".incoming", staleStaged), sample); // a submission killed mid-way
    fs.writeFileSync(path.join(directory, "README.txt"), "not ours: left alone");

    // The clock stands a minute after the newest file; the orphans and the referenced photo are two days old.
    const mtime = (file: string) => fs.statSync(path.join(directory, file)).mtimeMs;
    const newest = Math.max(mtime(freshOrphan), mtime(referenced), mtime(path.join(".incoming", stagedWithRow)));
    const clock = new ManualClock(new Date(newest + 60_000));
    const twoDaysAgo = new Date(newest - 2 * ORPHAN_AGE_MS);
    for (const old of [orphan, referenced, path.join(".incoming", staleStaged)]) {
      fs.utimesSync(path.join(directory, old), twoDaysAgo, twoDaysAgo);
      expect(clock.now().getTime() - mtime(old)).toBeGreaterThan(ORPHAN_AGE_MS);
    }

    expect(await sweepOrphanFiles(t.db, directory, clock)).toEqual({ removed: 2, published: 1 });
    expect(onDisk()).toEqual([freshOrphan, referenced, "README.txt", stagedWithRow].sort());

    // A day later the fresh orphan is old too; the photos with rows stay.
    clock.advance(ORPHAN_AGE_MS + HOUR);
    expect(await sweepOrphanFiles(t.db, directory, clock)).toEqual({ removed: 1, published: 0 });
    expect(onDisk()).toEqual([referenced, "README.txt", stagedWithRow].sort());
    expect(await sweepOrphanFiles(t.db, directory, clock)).toEqual({ removed: 0, published: 0 });
  });

  it("sweeps an empty or missing directory without asking the database", async () => {
    const clock = new ManualClock(submittedAt);
    expect(await sweepOrphanFiles(t.db, path.join(directory, "none"), clock)).toEqual({ removed: 0, published: 0 });
  });
});
