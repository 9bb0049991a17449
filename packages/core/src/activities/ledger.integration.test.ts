import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TenantTx } from "@rdlink/db";
import {
  activities,
  activityDeputies,
  auditLog,
  deputies,
  dutyPosts,
  files,
  stations,
  stationTypes,
  townships,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { localDateOf } from "@rdlink/workflow/calendar/working-time";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Clock, systemClock } from "../clock";
import { type StagedFiles, withStagedFiles } from "../files/staged-files";
import { UploadError } from "../files/store-image";
import { MAX_UPLOAD_BYTES } from "../files/upload-policy";
import { NotFoundError, type ValidationError } from "../shared/errors";
import { type countyAdminOf, realMemberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { mobileNumbersIn } from "../testing/phones";
import { deleteActivity } from "./delete-activity";
import { editActivity } from "./edit-activity";
import { getActivity } from "./get-activity";
import { listActivities } from "./list-activities";
import { listLedgerChoices } from "./list-ledger-choices";
import { recordActivity } from "./record-activity";
import { summarizeActivities } from "./summarize-activities";

const today = localDateOf(new Date());
const daysAgo = (n: number) => localDateOf(new Date(Date.now() - n * 86_400_000));
const photo = async (name = "reception.jpg") => ({
  bytes: new Uint8Array(
    await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c00" } })
      .jpeg()
      .toBuffer(),
  ),
  filename: name,
  declaredType: "image/jpeg",
});

describe.each(testDrivers())("the activity ledger on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let directory: string;
  let admin: { actor: ReturnType<typeof countyAdminOf>; ip: string; clock: Clock };
  let jinlingOperator: { actor: Awaited<ReturnType<typeof realMemberOf>>; ip: null; clock: Clock };
  let shuangdingOperator: typeof jinlingOperator;
  let jinlingLiaison: typeof jinlingOperator;
  let jinlingStation: string;
  let shuangdingStation: string;
  let deputyIds: string[];
  let lawPost: string;
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  /** A county transaction whose photos are kept only if it commits, as the web app runs one. */
  const storing = <T>(work: (tx: TenantTx, staged: StagedFiles) => Promise<T>) =>
    withStagedFiles(directory, (staged) => inCounty((tx) => work(tx, staged)));
  /** Every file under the store directory, staged ones included. */
  const filesOnDisk = () =>
    fs
      .readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  const entry = (overrides: object = {}) => ({
    stationId: jinlingStation,
    kind: "reception",
    day: today, // this year, whatever day the tests run
    deputyIds,
    peopleReceived: "12",
    disputesMediated: "",
    jobsArranged: "0",
    summary: "接待日：群众反映村道路灯不亮，已现场交办。",
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "rdlink-ledger-"));
    const county = await onboardTestCounty(t.db);
    tenantId = county.tenantId;
    admin = { actor: county.admin, ip: "10.7.7.7", clock: systemClock };
    const rows = await inCounty((tx) => tx.select().from(townships));
    const jinling = rows.find((r) => r.name === "金陵镇")!.id;
    const shuangding = rows.find((r) => r.name === "双定镇")!.id;
    jinlingOperator = {
      actor: await realMemberOf(t.db, tenantId, "township_operator", [jinling]),
      ip: null,
      clock: systemClock,
    };
    shuangdingOperator = {
      actor: await realMemberOf(t.db, tenantId, "township_operator", [shuangding]),
      ip: null,
      clock: systemClock,
    };
    jinlingLiaison = {
      actor: await realMemberOf(t.db, tenantId, "station_liaison", [jinling]),
      ip: null,
      clock: systemClock,
    };
    await inCounty(async (tx) => {
      const [type] = await tx.select().from(stationTypes).where(eq(stationTypes.name, "人大代表联络站"));
      const made = await tx
        .insert(stations)
        .values([
          { stationTypeId: type!.id, townshipId: jinling, name: "金陵镇联络站", code: "JL0001" },
          { stationTypeId: type!.id, townshipId: shuangding, name: "双定镇联络站", code: "SD0001" },
        ])
        .returning();
      jinlingStation = made[0]!.id;
      shuangdingStation = made[1]!.id;
      deputyIds = (
        await tx
          .insert(deputies)
          .values([
            { name: "韦建国", level: "county", townshipId: jinling },
            { name: "黄秀英", level: "township", townshipId: jinling },
          ])
          .returning()
      ).map((d) => d.id);
      lawPost = (await tx.select().from(dutyPosts).where(eq(dutyPosts.name, "就业帮扶岗")))[0]!.id;
    });
  });
  afterAll(async () => {
    await t.drop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("records a reception day with deputies and a photo; the photo is stored re-encoded under a new name", async () => {
    const uploads = [await photo()];
    const { id } = await storing((tx, staged) => recordActivity(tx, jinlingLiaison, entry(), { uploads, staged }));
    const page = await inCounty((tx) => getActivity(tx, jinlingLiaison, id));
    expect(page.activity).toMatchObject({
      kind: "reception",
      peopleReceived: 12,
      disputesMediated: 0,
      summary: expect.any(String),
    });
    expect(page.deputies.map((d) => d.name).sort()).toEqual(["韦建国", "黄秀英"].sort());
    expect(page).toMatchObject({ stationName: "金陵镇联络站", townshipName: "金陵镇", canEdit: true });
    expect(page.activity.photoIds).toHaveLength(1);
    const [stored] = await inCounty((tx) => tx.select().from(files).where(eq(files.id, page.activity.photoIds[0]!)));
    expect(stored!.storedName).toMatch(/^[0-9a-f-]{36}\.jpg$/);
    expect(fs.existsSync(path.join(directory, stored!.storedName))).toBe(true);
    const audit = await inCounty((tx) => tx.select().from(auditLog).where(eq(auditLog.objectId, id)));
    expect(audit.map((a) => a.action)).toEqual(["activity.recorded"]);
  });

  it("refuses bad input, a future day and oversized or fake photos, writing nothing", async () => {
    const count = async () => (await inCounty((tx) => tx.select().from(activities))).length;
    const before = await count();
    const bad = await inCounty((tx) =>
      recordActivity(
        tx,
        jinlingLiaison,
        entry({ kind: "party", day: "2026-02-30", peopleReceived: "-1", summary: " " }),
      ),
    ).catch((e) => e);
    expect((bad as ValidationError).fieldErrors).toEqual({
      kind: "validation.required",
      day: "validation.invalidDate",
      peopleReceived: "validation.outOfRange",
      summary: "validation.required",
    });
    const tomorrow = localDateOf(new Date(Date.now() + 86_400_000));
    const future = await inCounty((tx) => recordActivity(tx, jinlingLiaison, entry({ day: tomorrow }))).catch((e) => e);
    expect((future as ValidationError).fieldErrors).toEqual({ day: "validation.dateInFuture" });

    const filesBefore = filesOnDisk();
    const huge = { bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1), filename: "big.jpg", declaredType: "image/jpeg" };
    const uploads = [await photo(), huge];
    const tooLarge = await storing((tx, staged) =>
      recordActivity(tx, jinlingLiaison, entry(), { uploads, staged }),
    ).catch((e) => e);
    expect(tooLarge).toBeInstanceOf(UploadError);
    expect(tooLarge).toMatchObject({ status: 413, messageKey: "errors.fileTooLarge" });
    const pdf = {
      bytes: new TextEncoder().encode("%PDF-1.7\n%%EOF\n"),
      filename: "photo.jpg",
      declaredType: "image/jpeg",
    };
    const goodThenFake = [await photo(), pdf];
    const fake = await storing((tx, staged) =>
      recordActivity(tx, jinlingLiaison, entry(), { uploads: goodThenFake, staged }),
    ).catch((e) => e);
    expect(fake).toMatchObject({ status: 415, messageKey: "errors.fileTypeMismatch" });
    const seven = await Promise.all(Array.from({ length: 7 }, () => photo()));
    const tooMany = await storing((tx, staged) =>
      recordActivity(tx, jinlingLiaison, entry(), { uploads: seven, staged }),
    ).catch((e) => e);
    expect(tooMany).toMatchObject({ status: 400, messageKey: "errors.tooManyFiles" });
    expect(await count()).toBe(before);
    // The good photo stored before the bad one went with the refused entry.
    expect(filesOnDisk()).toEqual(filesBefore);
    // A liaison officer of Jinling cannot record for Shuangding's station.
    const elsewhere = await inCounty((tx) =>
      recordActivity(tx, jinlingLiaison, entry({ stationId: shuangdingStation })),
    ).catch((e) => e);
    expect((elsewhere as ValidationError).fieldErrors).toEqual({ stationId: "validation.unknownStation" });
    expect(await count()).toBe(before);
  });

  it("keeps a township operator to its township: lists, counts, pages and changes", async () => {
    const theirs = await inCounty((tx) =>
      recordActivity(tx, shuangdingOperator, entry({ stationId: shuangdingStation, deputyIds: [], kind: "visit" })),
    );
    const jl = jinlingOperator;
    expect((await inCounty((tx) => listActivities(tx, jl))).rows.every((r) => r.stationName === "金陵镇联络站")).toBe(
      true,
    );
    expect((await inCounty((tx) => listActivities(tx, admin))).total).toBe(2);
    for (const attempt of [
      () => inCounty((tx) => getActivity(tx, jl, theirs.id)),
      () => inCounty((tx) => editActivity(tx, jl, theirs.id, entry({ stationId: shuangdingStation }))),
      () => inCounty((tx) => deleteActivity(tx, jl, theirs.id)),
    ]) {
      await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    }
    // Asking for Shuangding's figures gives Jinling's operator nothing of them.
    await expect(
      inCounty((tx) =>
        summarizeActivities(tx, jl, { townshipId: shuangdingOperator.actor.memberships[0]!.townshipIds[0] }),
      ),
    ).rejects.toThrow(/Not allowed/);
    const choices = await inCounty((tx) => listLedgerChoices(tx, jinlingLiaison));
    expect(choices.stations.map((s) => s.name)).toEqual(["金陵镇联络站"]);
    expect(choices.posts).toHaveLength(10);
  });

  it("counts entries, people received, disputes mediated and jobs arranged by kind for a station, a township and the county", async () => {
    await inCounty((tx) =>
      recordActivity(
        tx,
        jinlingOperator,
        entry({ kind: "mediation", peopleReceived: "4", disputesMediated: "2", deputyIds: [] }),
      ),
    );
    await inCounty((tx) =>
      recordActivity(
        tx,
        jinlingOperator,
        entry({ kind: "postService", postId: lawPost, peopleReceived: "20", jobsArranged: "15" }),
      ),
    );
    // Last year's entry counts for last year only.
    const lastYear = `${Number(today.slice(0, 4)) - 1}-12-31`;
    await inCounty((tx) => recordActivity(tx, jinlingOperator, entry({ day: lastYear, peopleReceived: "100" })));

    const station = await inCounty((tx) => summarizeActivities(tx, jinlingOperator, { stationId: jinlingStation }));
    expect(station.period).toEqual({ from: `${today.slice(0, 4)}-01-01`, to: today });
    const thisYearInJinling = { entries: 3, peopleReceived: 36, disputesMediated: 2, jobsArranged: 15 };
    expect(station.total).toEqual(thisYearInJinling);
    expect(station.byKind.find((k) => k.kind === "mediation")).toEqual({
      kind: "mediation",
      entries: 1,
      peopleReceived: 4,
      disputesMediated: 2,
      jobsArranged: 0,
    });
    const township = await inCounty((tx) =>
      summarizeActivities(tx, admin, { townshipId: jinlingOperator.actor.memberships[0]!.townshipIds[0] }),
    );
    expect(township.total).toEqual(thisYearInJinling);
    const county = await inCounty((tx) => summarizeActivities(tx, admin));
    expect(county.total).toEqual({ entries: 4, peopleReceived: 48, disputesMediated: 2, jobsArranged: 15 });
    const lastYearCounty = await inCounty((tx) =>
      summarizeActivities(tx, admin, { from: `${lastYear.slice(0, 4)}-01-01`, to: lastYear }),
    );
    expect(lastYearCounty.total.peopleReceived).toBe(100);
    // The township operator's county-wide figures are its township's.
    expect((await inCounty((tx) => summarizeActivities(tx, jinlingOperator))).total).toEqual(thisYearInJinling);
  });

  it("filters the ledger by kind, period, station and words, and pages it", async () => {
    const list = (input: object) => inCounty((tx) => listActivities(tx, admin, input));
    expect((await list({ kind: "mediation" })).rows.map((r) => r.kind)).toEqual(["mediation"]);
    expect((await list({ stationId: shuangdingStation })).total).toBe(1);
    expect((await list({ from: `${today.slice(0, 4)}-01-01` })).total).toBe(4);
    expect((await list({ to: `${Number(today.slice(0, 4)) - 1}-12-31` })).total).toBe(1);
    expect((await list({ search: "路灯" })).total).toBe(5);
    expect((await list({ search: "100%" })).total).toBe(0);
    const paged = await list({ pageSize: "2", page: "2" });
    expect(paged).toMatchObject({ page: 2, pageSize: 2, total: 5 });
    expect(paged.rows).toHaveLength(2);
    const first = (await list({ pageSize: "1" })).rows[0]!;
    expect(first).toMatchObject({ townshipName: expect.any(String), deputyCount: expect.any(Number), photoCount: 0 });
    // Latin letters are matched whatever their case.
    await inCounty((tx) => recordActivity(tx, jinlingOperator, entry({ summary: "为村民活动室开通免费WiFi" })));
    expect((await list({ search: "wifi" })).rows.map((r) => r.summary)).toEqual(["为村民活动室开通免费WiFi"]);
  });

  it("edits an entry (keeping or dropping photos) and deletes one, both audited; numbers in summaries are masked", async () => {
    const uploads = [await photo(), await photo("b.jpg")];
    const { id } = await storing((tx, staged) =>
      recordActivity(tx, jinlingLiaison, entry({ summary: "走访困难户，户主电话13877712345，诉求已登记。" }), {
        uploads,
        staged,
      }),
    );
    const page = await inCounty((tx) => getActivity(tx, jinlingOperator, id));
    expect(page.activity.summary).toBe("走访困难户，户主电话138****2345，诉求已登记。");
    expect(mobileNumbersIn(await inCounty((tx) => listActivities(tx, admin)))).toEqual([]);

    const [keep] = page.activity.photoIds;
    const another = [await photo("c.jpg")];
    await storing((tx, staged) =>
      editActivity(
        tx,
        jinlingOperator,
        id,
        { ...entry({ kind: "visit", day: daysAgo(1), deputyIds: deputyIds.slice(0, 1) }), keepPhotoIds: [keep] },
        { uploads: another, staged },
      ),
    );
    const after = await inCounty((tx) => getActivity(tx, admin, id));
    expect(after.activity).toMatchObject({ kind: "visit", day: daysAgo(1) });
    expect(after.activity.photoIds).toHaveLength(2);
    expect(after.activity.photoIds[0]).toBe(keep);
    expect(after.deputies.map((d) => d.name)).toEqual(["韦建国"]);
    // Post service keeps its post; other kinds drop it.
    expect(after.activity.postId).toBeNull();
    // The attendance carries the edited entry's day and kind (decision 0031).
    const attended = await inCounty((tx) =>
      tx.select().from(activityDeputies).where(eq(activityDeputies.activityId, id)),
    );
    expect(attended.map((a) => [a.kind, a.day])).toEqual([["visit", daysAgo(1)]]);

    await inCounty((tx) => deleteActivity(tx, jinlingLiaison, id));
    await expect(inCounty((tx) => getActivity(tx, admin, id))).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await inCounty((tx) => tx.select().from(activityDeputies).where(eq(activityDeputies.activityId, id))),
    ).toEqual([]);
    const audit = await inCounty((tx) => tx.select().from(auditLog).where(eq(auditLog.objectId, id)));
    expect(audit.map((a) => a.action)).toEqual(["activity.recorded", "activity.edited", "activity.deleted"]);
    expect(audit[2]!.actorUserId).toBe(jinlingLiaison.actor.userId);
    expect(mobileNumbersIn(audit.map((a) => a.detail))).toEqual([]);
  });
});
