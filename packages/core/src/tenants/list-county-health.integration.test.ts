import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Actor, PermissionDenied } from "@rdlink/auth";
import {
  auditLog,
  caseEvents,
  cases,
  files,
  outbox,
  sessions,
  templateSets,
  templateSetVersions,
  tenants,
  townships,
  users,
} from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptInvitation } from "../auth/accept-invitation";
import { loadActor } from "../auth/load-actor";
import { signIn } from "../auth/sign-in";
import { signOut } from "../auth/sign-out";
import { actOnCase } from "../cases/act-on-case";
import { entryWorkflows } from "../cases/entry-workflows";
import { registerCase } from "../cases/register-case";
import { ManualClock } from "../clock";
import { saveUploadedImages } from "../files/save-uploaded-images";
import { withStagedFiles } from "../files/staged-files";
import { ValidationError } from "../shared/errors";
import { getTemplateSet } from "../templates/get-template-set";
import { listTemplateSets } from "../templates/list-template-sets";
import { publishTemplateSet } from "../templates/publish-template-set";
import { saveTemplateSetDraft } from "../templates/save-template-set-draft";
import { countyAdminOf, createOperator } from "../testing/actors";
import { inviteUser } from "../users/invite-user";
import { deliverOutbox } from "../worker/deliver-outbox";
import type { OutboxAdapter } from "../worker/outbox-adapters";
import { getCountyHealth } from "./get-county-health";
import { COUNTY_HEALTH_SORTS, listCountyHealth, type TCountyHealth } from "./list-county-health";
import { onboardCounty } from "./onboard-county";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const PASSWORD = "长风破浪会有时直挂云帆";
const request = { ip: "10.2.3.4", userAgent: "vitest" };

/** Twenty counties of Guangxi; the last is onboarded in June, after the others have been idle. */
const CODES = [
  "450102",
  "450103",
  "450105",
  "450107",
  "450108",
  "450109",
  "450110",
  "450123",
  "450124",
  "450125",
  "450202",
  "450203",
  "450204",
  "450205",
  "450206",
  "450223",
  "450302",
  "450303",
  "450304",
  "450305",
] as const;
const YOUNG = 19;

/**
 * What each county does, varied by its position so that no two columns line up. Counties 2, 3
 * and 6 are the edge cases: 2's admin is active through a session alone (signed in before the
 * 30 days), 3 did nothing since 1 April (idle for 60 days), 6's last activity is a step on 20 April.
 */
const plan = (i: number) => ({
  adminAccepts: i !== YOUNG && i % 5 !== 4,
  extraUsers: i !== YOUNG && i !== 6 && i % 6 === 0 ? 2 : 0,
  aprilLetters: i === YOUNG ? 0 : i % 4,
  closedInMay: i % 7 === 2 ? 1 : 0,
  juneLetters: i === YOUNG ? 0 : (i % 3) + (i % 5 === 0 ? 2 : 0),
  /** Of the June letters. */
  closedInJune: i === 10 ? 2 : i !== YOUNG && i % 2 === 1 && i % 3 > 0 ? 1 : 0,
  signInJune: i !== YOUNG && i % 4 === 0 && i % 5 !== 4,
  signInAndOut: i % 4 === 1 && i % 5 !== 4,
  photos: i % 4 === 3 ? (i % 8 === 3 ? 1 : 2) : 0,
  freshLetters: i % 4 === 1 ? 1 : 0,
  failingDeliveries: i % 3 === 1,
});

/** "Now" for the figures: Monday 15 June 2026, 10:00 in Asia/Shanghai. */
const NOW = new Date("2026-06-15T02:00:00Z");

describe.each(testDrivers())("every county's health for the platform on %s", (driver) => {
  let t: TestDatabase;
  let operator: { actor: Actor; ip: string; clock: ManualClock };
  let filesDirectory: string;
  const clock = new ManualClock(new Date("2026-03-02T02:00:00Z"));
  const counties: { tenantId: string; adminUsername: string; invitation: string; townshipId: string }[] = [];
  /** County 6's April letters, for its one step on 20 April. */
  let county6Letters: string[] = [];
  const health = (input: object = {}) =>
    t.db.withoutTenant((tx) => listCountyHealth(tx, { ...operator, clock }, input));

  // ——— the seed, in the order of its days, each through the use case a person would use ———

  const adminCtx = (i: number) => ({
    actor: countyAdminOf(counties[i]!.tenantId, operator.actor.userId),
    ip: null,
    clock,
  });
  const inCounty = <T>(i: number, work: Parameters<typeof t.db.withTenant<T>>[1]) =>
    t.db.withTenant(counties[i]!.tenantId, work);

  const onboard = async (i: number) => {
    const adminUsername = `admin-${CODES[i]}`;
    const { tenantId, invitationToken } = await onboardCounty(t.db, operator, {
      divisionCode: CODES[i],
      adminUsername,
      adminDisplayName: "区县管理员",
    });
    const [township] = await t.db.withTenant(tenantId, (tx) =>
      tx.select({ id: townships.id }).from(townships).limit(1),
    );
    // Onboarding stamps the tenant with the database's clock; these counties came on board at the test's.
    await t.db.withoutTenant((tx) =>
      tx.update(tenants).set({ createdAt: clock.now() }).where(eq(tenants.id, tenantId)),
    );
    counties[i] = { tenantId, adminUsername, invitation: invitationToken, townshipId: township!.id };
  };
  const accept = (token: string) =>
    acceptInvitation(t.db, token, { password: PASSWORD, confirmPassword: PASSWORD }, request, clock.now());
  const signInAs = async (username: string) => {
    const result = await signIn(t.db, { username, password: PASSWORD }, request, clock.now());
    if (!result.ok) throw new Error(`${username} could not sign in`);
    return result;
  };
  const registerLetters = async (i: number, count: number) => {
    const ctx = adminCtx(i);
    const workflows = await inCounty(i, (tx) => entryWorkflows(tx, ctx.actor));
    const workflowId = workflows.find((w) => w.definition.name["zh-CN"] === "信访件办理")!.workflowId;
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const { caseId } = await inCounty(i, (tx) =>
        registerCase(tx, ctx, {
          workflowId,
          townshipId: counties[i]!.townshipId,
          channel: "letter",
          data: { summary: `来信反映第${n + 1}件事`, petitioner: "张某" },
        }),
      );
      ids.push(caseId);
    }
    return ids;
  };
  const step = async (i: number, caseId: string, event: string, data: Record<string, unknown>) => {
    const [row] = await inCounty(i, (tx) => tx.select({ seq: cases.seq }).from(cases).where(eq(cases.id, caseId)));
    await inCounty(i, (tx) => actOnCase(tx, adminCtx(i), { caseId, event, data, expectedSeq: row!.seq }));
  };
  /** 呈报批办, then 不予受理: closed, and the petitioner is told (a message in the outbox). */
  const close = async (i: number, caseId: string) => {
    await step(i, caseId, "SUBMIT", { summary: "来信反映的事项" });
    await step(i, caseId, "DECLINE", { instruction: "不属于人大信访受理范围" });
  };
  const photo = async (side: number) => ({
    bytes: new Uint8Array(
      await sharp({ create: { width: side, height: side, channels: 3, background: "#2a6" } })
        .jpeg()
        .toBuffer(),
    ),
    filename: "现场.jpg",
    declaredType: "image/jpeg",
  });
  const each = async (work: (i: number, p: ReturnType<typeof plan>) => Promise<void>) => {
    for (let i = 0; i < CODES.length; i++) if (i !== YOUNG || counties[i]) await work(i, plan(i));
  };

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    filesDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "rdlink-health-"));
    operator = { actor: await createOperator(t.db, "health-op"), ip: request.ip, clock };
    for (let i = 0; i < CODES.length; i++) if (i !== YOUNG) await onboard(i);
    // The default set gains a version: the counties so far may upgrade to it, the young one starts on it.
    await t.db.withoutTenant(async (tx) => {
      const [set] = await listTemplateSets(tx, operator);
      const { draft, revision } = await getTemplateSet(tx, operator, set!.id);
      const dutyPosts = [...draft!.dutyPosts, { key: "post-11", name: "乡村振兴岗", description: "" }];
      await saveTemplateSetDraft(tx, operator, { setId: set!.id, revision, content: { dutyPosts } });
      await publishTemplateSet(tx, operator, { setId: set!.id, revision: revision + 1 });
    });

    // 2 March: the admins who will take part set their passwords; some counties invite two more.
    clock.set(new Date("2026-03-02T03:00:00Z"));
    await each(async (i, p) => {
      if (p.adminAccepts) await accept(counties[i]!.invitation);
      for (let n = 1; n <= p.extraUsers; n++) {
        const { invitationToken } = await inCounty(i, (tx) =>
          inviteUser(tx, adminCtx(i), {
            username: `u${n}-${CODES[i]}`,
            displayName: `办公室${n}`,
            role: "county_admin",
          }),
        );
        await accept(invitationToken);
      }
    });
    // 1 April: letters that stay where they are (overdue by June).
    clock.set(new Date("2026-04-01T02:00:00Z"));
    await each(async (i, p) => {
      const ids = await registerLetters(i, p.aprilLetters);
      if (i === 6) county6Letters = ids;
    });
    // 20 April: one step on an April letter, the last activity of county 6.
    clock.set(new Date("2026-04-20T02:00:00Z"));
    await step(6, county6Letters[0]!, "SUBMIT", { summary: "来信反映的事项" });
    // 1 May: the second extra user signs in (before the 30 days).
    clock.set(new Date("2026-05-01T02:00:00Z"));
    await each(async (i, p) => {
      if (p.extraUsers > 1) await signInAs(`u2-${CODES[i]}`);
    });
    // 10 May: county 2's admin signs in and works on (every 7 hours) into the 30 days.
    clock.set(new Date("2026-05-10T02:00:00Z"));
    const { token } = await signInAs(counties[2]!.adminUsername);
    while (clock.now() < new Date("2026-05-16T12:00:00Z")) {
      clock.advance(7 * HOUR);
      expect(await loadActor(t.db, token, clock.now())).not.toBeNull();
    }
    // 20 May: the first extra user signs in; letters opened now are closed on the 25th.
    clock.set(new Date("2026-05-20T02:00:00Z"));
    const mayLetters = new Map<number, string[]>();
    await each(async (i, p) => {
      if (p.extraUsers > 0) await signInAs(`u1-${CODES[i]}`);
      mayLetters.set(i, await registerLetters(i, p.closedInMay));
    });
    clock.set(new Date("2026-05-25T02:00:00Z"));
    for (const [i, ids] of mayLetters) for (const caseId of ids) await close(i, caseId);
    // The turn of the month in Asia/Shanghai: county 12 gets a letter on 31 May at 23:30 and one on
    // 1 June at 00:30 (both still 31 May in UTC); only the second is June's.
    clock.set(new Date("2026-05-31T15:30:00Z"));
    await registerLetters(12, 1);
    clock.set(new Date("2026-05-31T16:30:00Z"));
    await registerLetters(12, 1);
    // 3 June: letters still open on the 15th (past their 3 days); 5 June: the young county.
    clock.set(new Date("2026-06-03T02:00:00Z"));
    const juneLetters = new Map<number, string[]>();
    await each(async (i, p) => {
      juneLetters.set(i, await registerLetters(i, p.juneLetters));
    });
    clock.set(new Date("2026-06-05T02:00:00Z"));
    await onboard(YOUNG);
    // 10 June: some June letters closed, sign-ins (some signing out again), photos uploaded.
    clock.set(new Date("2026-06-10T02:00:00Z"));
    await each(async (i, p) => {
      for (const caseId of (juneLetters.get(i) ?? []).slice(0, p.closedInJune)) await close(i, caseId);
      if (p.signInJune) await signInAs(counties[i]!.adminUsername);
      if (p.signInAndOut) {
        const session = await signInAs(counties[i]!.adminUsername);
        const signedIn = await loadActor(t.db, session.token, clock.now());
        await signOut(t.db, { actor: signedIn!.actor, ip: null, clock }, signedIn!.sessionId);
      }
      if (p.photos > 0) {
        const uploads = await Promise.all(Array.from({ length: p.photos }, (_, n) => photo(40 + 30 * n + i)));
        await withStagedFiles(filesDirectory, (staged) =>
          inCounty(i, (tx) => saveUploadedImages(tx, adminCtx(i), uploads, { staged, maxFiles: 5 })),
        );
      }
    });
    // 14 June: fresh letters, not yet past their deadline on the 15th.
    clock.set(new Date("2026-06-14T02:00:00Z"));
    await each(async (i, p) => {
      await registerLetters(i, p.freshLetters);
    });
    // The worker delivers: the SMS gateway of some counties keeps failing until it gives up.
    const failing = new Set(counties.filter((_, i) => plan(i).failingDeliveries).map((c) => c.tenantId));
    const gateway: OutboxAdapter = {
      name: "sms-gateway",
      async deliver(message) {
        if (failing.has(message.tenantId)) throw new Error("网关无响应");
      },
    };
    for (let round = 0; round < 8; round++) {
      await deliverOutbox(t.db, gateway, { now: clock.advance(10 * 60_000) });
    }
    clock.set(NOW);
  }, 900_000);
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(filesDirectory, { recursive: true, force: true });
  });

  // ——— the figures as the database has them, counted here from the rows themselves ———

  /** Every county's row, worked out from its rows in the database by plain definitions. */
  const expected = async (
    now: Date,
  ): Promise<Map<string, Omit<TCountyHealth, "name" | "provinceName" | "cityName">>> => {
    // "This month" in Asia/Shanghai, written out for the months the test looks at.
    const monthOf = now.toISOString().slice(0, 7);
    const month = {
      "2026-06": ["2026-05-31T16:00:00Z", "2026-06-30T16:00:00Z"],
      "2026-08": ["2026-07-31T16:00:00Z", "2026-08-31T16:00:00Z"],
    }[monthOf]!.map((iso) => new Date(iso)) as [Date, Date];
    const inMonth = (at: Date | null) => at !== null && at >= month[0] && at < month[1];
    const since30 = new Date(now.getTime() - 30 * DAY);
    const since60 = new Date(now.getTime() - 60 * DAY);
    const sessionRows = await t.db.withoutTenant((tx) =>
      tx
        .select({ userId: sessions.userId, lastUsedAt: sessions.lastUsedAt, home: users.homeTenantId })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId)),
    );
    const versions = await t.db.withoutTenant((tx) =>
      tx
        .select({
          id: templateSetVersions.id,
          setId: templateSetVersions.setId,
          version: templateSetVersions.version,
          name: templateSets.name,
        })
        .from(templateSetVersions)
        .innerJoin(templateSets, eq(templateSets.id, templateSetVersions.setId)),
    );
    const result = new Map<string, Omit<TCountyHealth, "name" | "provinceName" | "cityName">>();
    for (const county of counties) {
      const rows = await t.db.withTenant(county.tenantId, async (tx) => ({
        tenant: (await tx.select().from(tenants).where(eq(tenants.id, county.tenantId)))[0]!,
        cases: await tx.select().from(cases),
        events: await tx.select({ at: caseEvents.at }).from(caseEvents),
        outbox: await tx.select({ status: outbox.status }).from(outbox),
        files: await tx.select({ bytes: files.bytes }).from(files),
        signIns: (await tx.select().from(auditLog)).filter((a) => a.action === "auth.signed_in"),
      }));
      const max = (dates: Date[]) => (dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null);
      const lastSignInAt = max(rows.signIns.map((a) => a.at));
      const lastActivityAt = max([
        ...rows.signIns.map((a) => a.at),
        ...rows.cases.map((c) => c.createdAt),
        ...rows.events.map((e) => e.at),
      ]);
      const active = new Set([
        ...rows.signIns.filter((a) => a.at >= since30).map((a) => a.actorUserId),
        ...sessionRows.filter((s) => s.home === county.tenantId && s.lastUsedAt >= since30).map((s) => s.userId),
      ]);
      result.set(county.tenantId, {
        tenantId: county.tenantId,
        divisionCode: rows.tenant.divisionCode,
        status: rows.tenant.status,
        createdAt: rows.tenant.createdAt,
        activeUsers: active.size,
        casesOpened: rows.cases.filter((c) => inMonth(c.createdAt)).length,
        casesClosed: rows.cases.filter((c) => c.mergedIntoId === null && inMonth(c.closedAt)).length,
        // 超期 as the workbench shows it: on a staff desk, past its deadline now or once before.
        overdueCases: rows.cases.filter(
          (c) =>
            c.status === "active" &&
            c.assigneeRole !== null &&
            c.assigneeRole !== "citizen" &&
            ((c.dueAt !== null && c.dueAt < now) || c.overdueAt !== null),
        ).length,
        outboxFailed: rows.outbox.filter((m) => m.status === "failed").length,
        storageBytes: rows.files.reduce((sum, f) => sum + f.bytes, 0),
        lastSignInAt,
        lastActivityAt,
        inactive: (lastActivityAt ?? rows.tenant.createdAt) < since60,
        ...templateOf(rows.tenant.templateSetVersionId),
      });
    }
    return result;

    function templateOf(versionId: string | null) {
      const own = versions.find((v) => v.id === versionId)!;
      const newest = Math.max(...versions.filter((v) => v.setId === own.setId).map((v) => v.version));
      return { templateSet: { name: own.name, version: own.version }, upgradeTo: newest > own.version ? newest : null };
    }
  };

  const expectEveryFigure = async (now: Date) => {
    clock.set(now);
    const { rows } = await health();
    const wanted = await expected(now);
    expect(rows).toHaveLength(CODES.length);
    for (const row of rows) {
      const { name: _name, provinceName: _p, cityName: _c, ...figures } = row;
      expect(figures, row.name).toEqual(wanted.get(row.tenantId));
    }
    return { rows, wanted };
  };

  it("gives every county the figures its own rows have, varied from county to county", async () => {
    const { rows } = await expectEveryFigure(NOW);
    const byCode = new Map(rows.map((row) => [row.divisionCode, row]));
    const at = (i: number) => byCode.get(CODES[i]!)!;
    // The seed did what the plan says: each column takes several values, zero among them.
    for (const column of [
      "activeUsers",
      "casesOpened",
      "casesClosed",
      "overdueCases",
      "outboxFailed",
      "storageBytes",
    ] as const) {
      const values = new Set(rows.map((row) => row[column]));
      expect(values.size, column).toBeGreaterThanOrEqual(3);
      expect(values.has(0), column).toBe(true);
    }
    // County 0: its admin (June) and one extra user (20 May) in the 30 days, the other (1 May) not.
    expect(at(0).activeUsers).toBe(2);
    expect(at(0).lastSignInAt).toEqual(new Date("2026-06-10T02:00:00Z"));
    // County 1 signed in and out on 10 June: no session left, the sign-in still counts.
    expect(at(1).activeUsers).toBe(1);
    // County 2's admin last signed in on 10 May and kept working into the window: a session alone.
    expect(at(2).lastSignInAt).toEqual(new Date("2026-05-10T02:00:00Z"));
    expect(at(2).activeUsers).toBe(1);
    // County 10: three June letters, two closed (their petitioners told, by a gateway that failed),
    // one left past its deadline with the two of April.
    expect(at(10)).toMatchObject({ casesOpened: 3, casesClosed: 2, overdueCases: 3, outboxFailed: 2 });
    // County 7: three April letters and one of June, that one closed; two photos.
    expect(at(7)).toMatchObject({ casesOpened: 1, casesClosed: 1, overdueCases: 3, outboxFailed: 1 });
    expect(at(7).storageBytes).toBeGreaterThan(at(3).storageBytes);
    expect(at(3).storageBytes).toBeGreaterThan(0);
    expect(at(12).casesOpened).toBe(1);
    // County 9's letter of May was closed in May: not this month's, and delivered.
    expect(at(9)).toMatchObject({ casesClosed: 0, outboxFailed: 0 });
    // Idle since 1 April: county 3 is flagged; county 6 stepped a case on 20 April; the young one is new.
    expect(at(3)).toMatchObject({ inactive: true, lastActivityAt: new Date("2026-04-01T02:00:00Z") });
    expect(at(6)).toMatchObject({ inactive: false, lastActivityAt: new Date("2026-04-20T02:00:00Z") });
    expect(at(YOUNG)).toMatchObject({ inactive: false, lastActivityAt: null, lastSignInAt: null, activeUsers: 0 });
    expect(rows.filter((row) => row.inactive).length).toBeGreaterThanOrEqual(1);
    // The default set published version 2 after the first counties: they may upgrade, the young one is on it.
    expect(at(0)).toMatchObject({ templateSet: { name: "通用模板", version: 1 }, upgradeTo: 2 });
    expect(at(YOUNG)).toMatchObject({ templateSet: { name: "通用模板", version: 2 }, upgradeTo: null });
    // A county's own page shows its row, read inside the county.
    for (const i of [0, 3, 10, YOUNG]) {
      const own = await t.db.withTenant(counties[i]!.tenantId, (tx) => getCountyHealth(tx, { ...operator, clock }));
      expect(own).toEqual(at(i));
    }
  });

  it("flags a county once 60 days pass without activity, as the clock moves on", async () => {
    // 20 June: 60 days after county 6's last step.
    const { rows } = await expectEveryFigure(new Date("2026-06-20T02:00:00Z"));
    expect(rows.find((row) => row.divisionCode === CODES[6])!.inactive).toBe(true);
    expect(rows.find((row) => row.divisionCode === CODES[0])!.inactive).toBe(false);
    // Mid-August: a new month (nothing opened or closed in it), nobody active, every county idle.
    const august = await expectEveryFigure(new Date("2026-08-15T02:00:00Z"));
    expect(august.rows.every((row) => row.inactive && row.activeUsers === 0 && row.casesOpened === 0)).toBe(true);
    clock.set(NOW);
  });

  it("sorts by every column either way, keeping the counties never signed in to last", async () => {
    const wanted = await expected(NOW);
    const sortValue: Record<(typeof COUNTY_HEALTH_SORTS)[number], (row: TCountyHealth) => string | number | null> = {
      name: (row) => row.name,
      code: (row) => row.divisionCode,
      region: (row) => `${row.provinceName} ${row.cityName}`,
      status: (row) => row.status,
      createdAt: (row) => row.createdAt.getTime(),
      activeUsers: (row) => wanted.get(row.tenantId)!.activeUsers,
      casesOpened: (row) => wanted.get(row.tenantId)!.casesOpened,
      casesClosed: (row) => wanted.get(row.tenantId)!.casesClosed,
      overdueCases: (row) => wanted.get(row.tenantId)!.overdueCases,
      outboxFailed: (row) => wanted.get(row.tenantId)!.outboxFailed,
      storageBytes: (row) => wanted.get(row.tenantId)!.storageBytes,
      lastSignInAt: (row) => wanted.get(row.tenantId)!.lastSignInAt?.getTime() ?? null,
      inactive: (row) => (wanted.get(row.tenantId)!.inactive ? 1 : 0),
      templateSet: (row) => `${row.templateSet!.name} ${String(row.templateSet!.version).padStart(4, "0")}`,
      upgradeTo: (row) => wanted.get(row.tenantId)!.upgradeTo,
    };
    for (const sort of COUNTY_HEALTH_SORTS) {
      for (const direction of ["asc", "desc"] as const) {
        const { rows } = await health({ sort, direction });
        const values = rows.map(sortValue[sort]);
        const present = values.filter((v) => v !== null);
        const ordered = [...present].sort((a, b) =>
          typeof a === "string" ? a.localeCompare(String(b), "zh-CN") : Number(a) - Number(b),
        );
        if (direction === "desc") ordered.reverse();
        expect(values, `${sort} ${direction}`).toEqual([...ordered, ...values.filter((v) => v === null)]);
      }
    }
    // Unsorted: the tenant list's order, newest first (the young county on top).
    expect((await health()).rows[0]!.divisionCode).toBe(CODES[YOUNG]);
    // Without a direction, figures put the most first.
    const byOverdue = (await health({ sort: "overdueCases" })).rows.map((row) => row.overdueCases);
    expect(byOverdue[0]).toBe(Math.max(...byOverdue));
  });

  it("searches like the tenant list, and refuses an unknown column or direction and anyone but platform staff", async () => {
    const found = await health({ search: "秀" });
    expect(found.rows.map((row) => row.name).sort()).toEqual(["青秀区", "秀峰区"].sort());
    expect((await health({ search: "4502" })).rows).toHaveLength(6);
    for (const input of [
      { sort: "passwordHash" },
      { sort: "name", direction: "sideways" },
      { search: "秀".repeat(61) },
    ]) {
      const refused = await health(input).catch((error: unknown) => error);
      expect(refused, JSON.stringify(input)).toBeInstanceOf(ValidationError);
      expect(Object.values((refused as ValidationError).fieldErrors)[0]).toMatch(/^validation\./);
    }
    const admin = countyAdminOf(counties[0]!.tenantId, operator.actor.userId);
    await expect(
      t.db.withoutTenant((tx) => listCountyHealth(tx, { actor: admin, ip: null, clock }, {})),
    ).rejects.toBeInstanceOf(PermissionDenied);
  });
});
