import { auditLog, cases, consultationComments, consultations, privacySettings, workflowVersions } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerOpinion } from "../cases/register-opinion";
import { ManualClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { ValidationError } from "../shared/errors";
import { getCountyFigures } from "../stats/get-county-figures";
import { memberOf } from "../testing/actors";
import { addTestStation, onboardTestCounty } from "../testing/counties";
import { OPINION_CONSENT_VERSION } from "./consent";
import { eraseCitizenData } from "./erase-citizen-data";
import { eraseExpiredPersonalDataEverywhere } from "./erase-expired-everywhere";
import { getPrivacyPage } from "./get-privacy-page";
import { savePrivacySettings } from "./save-privacy-settings";

/** "Now" is 1 July 2026; the product keeps personal data 36 months after closing by default. */
const NOW = new Date("2026-07-01T04:00:00Z");
const at = (iso: string) => new Date(`${iso}T02:00:00Z`);

describe.each(testDrivers())("citizens' personal data on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let townshipId: string;
  let stationId: string;
  let admin: Awaited<ReturnType<typeof onboardTestCounty>>["admin"];
  const clock = new ManualClock(NOW);
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const ctx = (role: "county_admin" | "station_liaison" = "county_admin") => ({
    actor: role === "county_admin" ? admin : memberOf(tenantId, role, [townshipId]),
    ip: null,
    clock,
  });
  const person = (id: string) =>
    inCounty(async (tx) => {
      const [row] = await tx
        .select({ name: cases.submitterName, phone: cases.submitterPhone, erasedAt: cases.personalDataErasedAt })
        .from(cases)
        .where(eq(cases.id, id));
      return row!;
    });
  const figures = () => inCounty((tx) => getCountyFigures(tx, ctx(), { from: "2020-01-01", to: "2026-06-30" }, NOW));
  const ids = {} as Record<"old" | "recent" | "open" | "anonymous" | "mine" | "mineToo" | "comment", string>;
  const commenter = () =>
    inCounty(async (tx) => {
      const [row] = await tx
        .select({ name: consultationComments.submitterName, phone: consultationComments.submitterPhone })
        .from(consultationComments)
        .where(eq(consultationComments.id, ids.comment));
      return row!;
    });

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ({ tenantId, admin } = await onboardTestCounty(t.db, "450107"));
    ({ townshipId, stationId } = await inCounty((tx) => addTestStation(tx, "P1R2V3")));
    await inCounty(async (tx) => {
      const [version] = await tx.select().from(workflowVersions);
      const base = {
        kind: "opinion",
        workflowId: version!.workflowId,
        versionId: version!.id,
        seq: 3,
        stateEnteredSeq: 3,
        snapshot: {},
        townshipId,
        stationId,
        status: "active" as const,
      };
      const closed = { ...base, state: "closed", status: "done" as const, satisfaction: "satisfied" as const };
      const rows = await tx
        .insert(cases)
        .values([
          // Closed three and a half years ago: past the default 36 months.
          {
            ...closed,
            createdAt: at("2022-12-20"),
            closedAt: at("2023-01-10"),
            submitterName: "王大爷",
            submitterPhone: "13800001111",
          },
          // Closed a year and a half ago: kept under the default, not under 12 months.
          {
            ...closed,
            createdAt: at("2024-12-20"),
            closedAt: at("2025-01-10"),
            submitterName: "李阿姨",
            submitterPhone: "13800002222",
          },
          // Never closed: kept whatever its age.
          {
            ...base,
            state: "handling",
            createdAt: at("2021-03-01"),
            submitterName: "赵师傅",
            submitterPhone: "13800003333",
          },
          // Closed long ago without a name or a number: nothing to erase.
          { ...closed, createdAt: at("2022-01-05"), closedAt: at("2022-02-05") },
          // One citizen's two cases, asking to be forgotten.
          {
            ...base,
            state: "handling",
            createdAt: at("2026-05-01"),
            trackingCode: "450107-Q7M2QD8P",
            submitterName: "陈女士",
            submitterPhone: "13900001111",
          },
          {
            ...closed,
            createdAt: at("2026-02-01"),
            closedAt: at("2026-03-01"),
            submitterName: "陈女士",
            submitterPhone: "13900001111",
          },
        ])
        .returning({ id: cases.id });
      // A 立法意见征集 whose last day was four years ago, with a commenter who left a name and number.
      const [draft] = await tx
        .insert(cases)
        .values({ ...closed, kind: "consultation", createdAt: at("2022-06-01"), closedAt: at("2022-07-01") })
        .returning({ id: cases.id });
      const [consultation] = await tx
        .insert(consultations)
        .values({
          caseId: draft!.id,
          stationId,
          publicCode: "K7M2QD8P",
          title: "某某条例（草案）",
          issuingBody: "省人大常委会法工委",
          closesOn: "2022-06-30",
        })
        .returning({ id: consultations.id });
      const [comment] = await tx
        .insert(consultationComments)
        .values({
          consultationId: consultation!.id,
          content: "建议第五条增加听证程序",
          channel: "online",
          submitterName: "刘老师",
          submitterPhone: "13700001111",
          consentAt: at("2022-06-10"),
        })
        .returning({ id: consultationComments.id });
      ids.comment = comment!.id;
      [ids.old, ids.recent, ids.open, ids.anonymous, ids.mine, ids.mineToo] = rows.map((r) => r.id) as string[] as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
    });
  });
  afterAll(() => t.drop());

  it("records the consent a citizen gives with their phone number: when, and to which text", async () => {
    const input = {
      stationId,
      channel: "reception",
      content: "村口路灯坏了三个月没人修",
      category: "urbanConstruction",
      submitterPhone: "138 7700 1234",
      consent: "on",
    };
    const staged = new StagedFiles("/tmp/rdlink-test-files");
    const { caseId } = await inCounty((tx) => registerOpinion(tx, ctx("station_liaison"), input, [], staged, NOW));
    const anonymous = { ...input, submitterPhone: "", consent: "" };
    const other = await inCounty((tx) => registerOpinion(tx, ctx("station_liaison"), anonymous, [], staged, NOW));
    const consents = await inCounty((tx) =>
      tx.select({ id: cases.id, at: cases.consentAt, version: cases.consentVersion }).from(cases),
    );
    expect(consents.find((c) => c.id === caseId)).toMatchObject({ at: NOW, version: OPINION_CONSENT_VERSION });
    expect(consents.find((c) => c.id === other.caseId)).toMatchObject({ at: null, version: null });
  });

  it("erases the names and phones of cases closed longer ago than the retention, and no figure changes", async () => {
    const before = await figures();
    expect(await inCounty((tx) => getPrivacyPage(tx, ctx()))).toMatchObject({
      retention: { months: 36, own: false },
      figures: { expired: 1, erased: 0 },
    });
    expect(await eraseExpiredPersonalDataEverywhere(t.db, NOW)).toBe(2);
    expect(await person(ids.old)).toEqual({ name: null, phone: null, erasedAt: NOW });
    expect(await commenter()).toEqual({ name: null, phone: null });
    for (const kept of [ids.recent, ids.open, ids.mine]) expect((await person(kept)).phone).not.toBeNull();
    expect((await person(ids.anonymous)).erasedAt).toBeNull();
    expect(await figures()).toEqual(before);
    // Nothing more to erase: a second round writes nothing, not even an audit row.
    expect(await eraseExpiredPersonalDataEverywhere(t.db, NOW)).toBe(0);
    const audits = await inCounty((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "privacy.expired_erased")),
    );
    expect(audits.map((a) => a.detail)).toEqual([{ cases: 1, comments: 1, months: 36 }]);
  });

  it("takes the county's own retention, and refuses one out of range without writing it", async () => {
    await inCounty((tx) => savePrivacySettings(tx, ctx(), { retentionMonths: "12" }));
    const refused = await inCounty((tx) => savePrivacySettings(tx, ctx(), { retentionMonths: "3" })).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ retentionMonths: "validation.retentionMonths" });
    expect(
      await inCounty((tx) => tx.select({ months: privacySettings.retentionMonths }).from(privacySettings)),
    ).toEqual([{ months: 12 }]);
    const before = await figures();
    expect(await eraseExpiredPersonalDataEverywhere(t.db, NOW)).toBe(1);
    expect((await person(ids.recent)).phone).toBeNull();
    expect((await person(ids.mineToo)).phone).toBe("13900001111");
    expect(await figures()).toEqual(before);
    await expect(
      inCounty((tx) => savePrivacySettings(tx, ctx("station_liaison"), { retentionMonths: "24" })),
    ).rejects.toThrow();
  });

  it("erases a citizen's data on request, when the tracking code and the phone number match", async () => {
    const request = (input: object) => inCounty((tx) => eraseCitizenData(tx, ctx(), input));
    const wrong = await request({ trackingCode: "450107-Q7M2QD8P", phone: "13900009999" }).catch((e) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect((wrong as ValidationError).fieldErrors).toEqual({ trackingCode: "privacy.errors.noSuchCase" });
    expect((await person(ids.mine)).phone).toBe("13900001111");
    expect(await request({ trackingCode: "450107 q7m2qd8p", phone: "139 0000 1111" })).toEqual({ erased: 2 });
    for (const id of [ids.mine, ids.mineToo])
      expect(await person(id)).toMatchObject({ name: null, phone: null, erasedAt: NOW });
    expect((await person(ids.open)).phone).toBe("13800003333");
    const [audit] = await inCounty((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "privacy.erasure_requested")),
    );
    expect(audit!.detail).toEqual({ trackingCode: "450107-Q7M2QD8P", cases: 2 });
    expect(JSON.stringify(audit)).not.toContain("13900001111");
  });
});
