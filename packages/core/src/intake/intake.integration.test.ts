import { randomUUID } from "node:crypto";
import { caseEvents, cases, handlingUnits, outbox, rateLimits, stations, stationTypes, townships } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { socketWritesDuring } from "@rdlink/db/testing/socket-writes";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "../cases/act-on-case";
import { assignCases } from "../cases/assign-cases";
import { getCase } from "../cases/get-case";
import { listCases } from "../cases/list-cases";
import { mergeIntoSuggestion } from "../cases/merge-into-suggestion";
import { rateCase } from "../cases/rate-case";
import { registerOpinion } from "../cases/register-opinion";
import { trackCase } from "../cases/track-case";
import { systemClock } from "../clock";
import { StagedFiles } from "../files/staged-files";
import { NotFoundError, RateLimitedError, ValidationError } from "../shared/errors";
import { memberOf, responderOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { solvedChallenge, TEST_INTAKE_SECRET } from "../testing/proof-of-work";
import { addressKey, assertWithinIntakeLimits, purgeRateLimits } from "./rate-limit";
import { submitPublicOpinion } from "./submit-public-opinion";

const SECRET = TEST_INTAKE_SECRET;
// ALTCHA checks a challenge's expiry against the real clock, so these are real times.
const later = new Date();
const opened = new Date(later.getTime() - 60_000);

const solved = (now = opened) => solvedChallenge(now);

describe.each(testDrivers())("public intake on %s", (driver) => {
  let t: TestDatabase;
  let tenantId: string;
  let publicCode: string;
  const town: string[] = [];
  const unit: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    tenantId = (await onboardTestCounty(t.db, "450107")).tenantId;
    await t.db.withTenant(tenantId, async (tx) => {
      const found = await tx.select({ id: townships.id }).from(townships).limit(2);
      town.push(...found.map((x) => x.id));
      const [type] = await tx.select({ id: stationTypes.id }).from(stationTypes).limit(1);
      for (const [i, townshipId] of town.entries()) {
        await tx
          .insert(stations)
          .values({ stationTypeId: type!.id, townshipId, name: `联络站${i}`, code: `K7M2Q${i + 2}` });
      }
      const units = await tx
        .insert(handlingUnits)
        .values([{ name: "区住建局" }, { name: "区交通局" }])
        .returning({ id: handlingUnits.id });
      unit.push(...units.map((u) => u.id));
    });
    publicCode = "450107-K7M2Q2";
  });
  afterAll(() => t.drop());

  const submit = (overrides: Partial<Parameters<typeof submitPublicOpinion>[2]> & { form?: Record<string, unknown> }) =>
    submitPublicOpinion(t.db, publicCode, {
      photos: [],
      intakeKey: randomUUID(),
      secret: SECRET,
      filesDirectory: "/tmp/rdlink-test-files",
      now: later,
      ...overrides,
      form: {
        content: "村口路灯坏了三个月<script>alert(1)</script>",
        category: "urbanConstruction",
        ...overrides.form,
      },
    });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const ctx = (actor: ReturnType<typeof memberOf>) => ({ actor, ip: null, clock: systemClock });
  /** The liaison officer and township operator of the first township (known once the county is made). */
  const liaisonOfA = () => ctx(memberOf(tenantId, "station_liaison", [town[0]!]));
  const operatorOfA = () => ctx(memberOf(tenantId, "township_operator", [town[0]!]));
  const caseCount = () => t.db.withTenant(tenantId, async (tx) => (await tx.select().from(cases)).length);
  /** The case row of a tracking code. */
  const caseOf = async (trackingCode: string) =>
    (await inCounty((tx) => tx.select().from(cases).where(eq(cases.trackingCode, trackingCode))))[0]!;
  /** Three opinions from the QR page; the liaison reviews the first two and sends them on with `event`. */
  async function threeOpinionsTwoSentOn(event: "HAND_OVER" | "ESCALATE", issueScope: "individual" | "common") {
    const liaison = liaisonOfA();
    const opened = [];
    for (let i = 0; i < 3; i++)
      opened.push(await caseOf((await submit({ form: { altcha: await solved() } })).trackingCode));
    for (const kase of opened.slice(0, 2)) {
      await inCounty((tx) =>
        actOnCase(
          tx,
          liaison,
          { caseId: kase.id, event: "SUBMIT_REVIEW", data: { summary: "路灯" }, expectedSeq: 1 },
          later,
        ),
      );
      await inCounty((tx) =>
        actOnCase(tx, liaison, { caseId: kase.id, event, data: { issueScope }, expectedSeq: 2 }, later),
      );
    }
    return opened;
  }

  it("opens a case in eight round trips to PostgreSQL, rate limits counted by the statement that carries the COMMIT", async () => {
    const submitted = async () =>
      submit({ form: { altcha: await solved() }, rateLimit: { clientAddress: "203.0.113.9" } });
    // Its statements prepared on the connection first, as they are after an app's first requests.
    for (let i = 0; i < 3; i++) await submitted();
    const writes = await socketWritesDuring(submitted);
    // Each round trip is one write of what postgres.js has queued; PGlite runs in this process, with no socket.
    expect(writes).toBe(driver === "postgres" ? 8 : 0);
  });

  it("opens a case with a tracking code; the same idempotency key answers the same code and writes nothing", async () => {
    const intakeKey = randomUUID();
    const altcha = await solved();
    const first = await submit({ intakeKey, form: { altcha, submitterPhone: "13812345678", consent: "on" } });
    expect(first.trackingCode).toMatch(/^450107-[2-9A-HJKMNP-Z]{8}$/);
    const before = await caseCount();
    const again = await submit({ intakeKey, form: { altcha, submitterPhone: "13812345678", consent: "on" } });
    expect(again).toEqual({ trackingCode: first.trackingCode, repeated: true });
    expect(await caseCount()).toBe(before);
    const row = await caseOf(first.trackingCode);
    expect(row).toMatchObject({
      channel: "qr",
      townshipId: town[0],
      state: "registered",
      assigneeRole: "station_liaison",
    });
    expect(row.dueAt).not.toBeNull();
    // The workbench finds it by its state and station, and not under another state.
    const admin = ctx(memberOf(tenantId, "county_admin"));
    const listed = async (filters: Record<string, string>) =>
      (await t.db.withTenant(tenantId, (tx) => listCases(tx, admin, { view: "all", ...filters }))).cases.map(
        (c) => c.id,
      );
    expect(await listed({ state: "registered", stationId: row.stationId! })).toContain(row.id);
    expect(await listed({ state: "handling" })).not.toContain(row.id);
    const { states } = await t.db.withTenant(tenantId, (tx) => listCases(tx, admin, {}));
    expect(states).toContainEqual({ value: "registered", label: expect.objectContaining({ "zh-CN": "登记" }) });
  });

  it("refuses a filled honeypot, a missing or replayed proof of work and a form sent too fast, writing nothing", async () => {
    const before = await caseCount();
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => "accepted",
        (e: unknown) => (e as ValidationError).formError,
      );
    expect(await refusal(submit({ form: { altcha: await solved(), website: "http://spam.example" } }))).toBe(
      "intake.errors.refused",
    );
    expect(await refusal(submit({ form: {} }))).toBe("intake.errors.reload");
    const tampered = JSON.parse(Buffer.from(await solved(), "base64").toString());
    tampered.solution.counter += 1;
    expect(await refusal(submit({ form: { altcha: Buffer.from(JSON.stringify(tampered)).toString("base64") } }))).toBe(
      "intake.errors.reload",
    );
    expect(await refusal(submit({ form: { altcha: await solved(later) } }))).toBe("intake.errors.tooFast");
    const used = await solved();
    expect(await refusal(submit({ form: { altcha: used } }))).toBe("accepted");
    expect(await refusal(submit({ form: { altcha: used } }))).toBe("intake.errors.reload");
    expect(await caseCount()).toBe(before + 1);
  });

  it("names bad fields and asks for consent before keeping a phone number", async () => {
    const error = await submit({
      form: { altcha: await solved(), content: "短", category: "x", submitterPhone: "12345", consent: "" },
    }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors).toMatchObject({
      content: "validation.tooShort",
      category: "validation.required",
      submitterPhone: "validation.invalidPhone",
    });
    const noConsent = await submit({ form: { altcha: await solved(), submitterPhone: "13812345678" } }).catch(
      (e: unknown) => e,
    );
    expect((noConsent as ValidationError).fieldErrors).toEqual({ consent: "validation.consentRequired" });
  });

  it("limits submissions per address with a 429 and the seconds to wait", async () => {
    const limits = { perAddress: { max: 3, windowMs: 60_000 }, perStation: { max: 100, windowMs: 60_000 } };
    const hit = () =>
      t.db.withoutTenant((tx) =>
        assertWithinIntakeLimits(tx, { secret: SECRET, address: "203.0.113.7", stationId: "s1", limits }, later),
      );
    for (let i = 0; i < 3; i++) await hit();
    const refused = await hit().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    // Another address is not held back.
    await t.db.withoutTenant((tx) =>
      assertWithinIntakeLimits(tx, { secret: SECRET, address: "203.0.113.8", stationId: "s1", limits }, later),
    );
    // Windows that ended a day ago are forgotten; only hashed keys were ever stored.
    const keys = await t.db.withoutTenant((tx) => tx.select().from(rateLimits));
    expect(keys.some((k) => k.key.includes("203.0.113"))).toBe(false);
    await t.db.withoutTenant((tx) => purgeRateLimits(tx, new Date(later.getTime() + 2 * 86_400_000)));
    expect(await t.db.withoutTenant((tx) => tx.select().from(rateLimits))).toEqual([]);
  });

  it("counts a refused submission in its one transaction; one over the limit changes nothing", async () => {
    const rateLimit = {
      clientAddress: "203.0.113.9",
      limits: { perAddress: { max: 2, windowMs: 60_000 }, perStation: { max: 100, windowMs: 60_000 } },
    };
    const addressCount = async () => {
      const rows = await t.db.withoutTenant((tx) => tx.select().from(rateLimits));
      return rows.find((row) => row.key === addressKey(SECRET, rateLimit.clientAddress))?.count;
    };
    const before = await caseCount();
    const honeypot = await submit({ rateLimit, form: { altcha: await solved(), website: "x" } }).catch((e) => e);
    expect(honeypot).toBeInstanceOf(ValidationError);
    expect([await addressCount(), await caseCount()]).toEqual([1, before]);
    await submit({ rateLimit, form: { altcha: await solved() } });
    expect([await addressCount(), await caseCount()]).toEqual([2, before + 1]);
    // Over the limit: no case, no count, and its proof of work is not used up.
    const altcha = await solved();
    expect(await submit({ rateLimit, form: { altcha } }).catch((e) => e)).toBeInstanceOf(RateLimitedError);
    expect([await addressCount(), await caseCount()]).toEqual([2, before + 1]);
    await submit({ form: { altcha } });
    expect(await caseCount()).toBe(before + 2);
  });

  it("runs from the QR code to the citizen's rating, within each role's reach", async () => {
    const { trackingCode } = await submit({ form: { altcha: await solved() } });
    const caseId = (await caseOf(trackingCode)).id;
    const liaison = liaisonOfA();
    const operator = operatorOfA();
    const otherOperator = ctx(memberOf(tenantId, "township_operator", [town[1]!]));
    const admin = ctx(memberOf(tenantId, "county_admin"));
    const responder = ctx(responderOf(tenantId, unit[0]!));
    const otherResponder = ctx(responderOf(tenantId, unit[1]!));
    const act = async (who: typeof admin, event: string, data: Record<string, unknown>) => {
      const { case: current } = await inCounty((tx) => getCase(tx, who, caseId, later));
      return inCounty((tx) => actOnCase(tx, who, { caseId, event, data, expectedSeq: current.seq }, later));
    };

    // Another township's operator and another unit's responder do not find it.
    await expect(inCounty((tx) => getCase(tx, otherOperator, caseId))).rejects.toBeInstanceOf(NotFoundError);
    await expect(inCounty((tx) => getCase(tx, responder, caseId))).rejects.toBeInstanceOf(NotFoundError);
    const desk = await inCounty((tx) => listCases(tx, operator, { view: "all" }, later));
    expect(desk.cases.map((c) => c.id)).toContain(caseId);
    expect(
      (await inCounty((tx) => listCases(tx, otherOperator, { view: "all" }, later))).cases.map((c) => c.id),
    ).not.toContain(caseId);

    await act(liaison, "SUBMIT_REVIEW", { summary: "路灯" });
    await act(liaison, "HAND_OVER", { issueScope: "individual" });
    const mine = await inCounty((tx) => listCases(tx, operator, { view: "mine" }, later));
    expect(mine.cases.map((c) => c.id)).toContain(caseId);
    await expect(act(operator, "ASSIGN", { handlingUnit: randomUUID() })).rejects.toMatchObject({
      fieldErrors: { "data.handlingUnit": "validation.invalidReference" },
    });
    await act(operator, "ASSIGN", { handlingUnit: unit[0] });
    // Now the unit sees it; the other unit still does not.
    expect((await inCounty((tx) => listCases(tx, responder, { view: "mine" }, later))).cases.map((c) => c.id)).toEqual([
      caseId,
    ]);
    expect((await inCounty((tx) => listCases(tx, otherResponder, { view: "all" }, later))).cases).toEqual([]);
    await act(responder, "RETURN", { returnReason: "不属于本单位职责" });
    await act(admin, "RULE", { ruling: "keep" });
    await act(responder, "ACCEPT", {});
    await act(responder, "REPLY", { replyContent: "已更换路灯" });

    const tracked = await t.db.withoutTenant((tx) => trackCase(tx, trackingCode.toLowerCase()));
    expect(tracked.answers.map((a) => a.text)).toEqual(["已更换路灯"]);
    expect(tracked.ratingForm?.map((f) => f.key)).toEqual(["satisfaction", "ratingComment"]);
    expect(JSON.stringify(tracked)).not.toContain("不属于本单位职责");
    const rate = (satisfaction: string, key: string, seq: number) =>
      t.db.withoutTenant((tx) =>
        rateCase(tx, trackingCode, { expectedSeq: seq, idempotencyKey: key, data: { satisfaction } }, later),
      );
    const unhappy = await rate("unsatisfied", randomUUID(), tracked.seq);
    expect(unhappy.state).toBe("handling");
    await act(responder, "REPLY", { replyContent: "已重新维修" });
    const happyKey = randomUUID();
    const happy = await rate("satisfied", happyKey, unhappy.seq + 1);
    expect(happy.state).toBe("closed");
    expect((await rate("satisfied", happyKey, unhappy.seq + 1)).replayed).toBe(true);
    const [closed] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(closed).toMatchObject({ satisfaction: "satisfied", handlingUnitId: unit[0] });
    expect(closed!.closedAt).not.toBeNull();
    const { timeline } = await inCounty((tx) => getCase(tx, admin, caseId));
    expect(timeline.map((e) => e.type)).toEqual([
      "CASE_STARTED",
      "SUBMIT_REVIEW",
      "HAND_OVER",
      "ASSIGN",
      "RETURN",
      "RULE",
      "ACCEPT",
      "REPLY",
      "RATE",
      "REPLY",
      "RATE",
    ]);
    const events = await inCounty((tx) =>
      tx
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, caseId))),
    );
    expect(events.filter((e) => e.actorRole === "citizen")).toHaveLength(3);
  });
  it("assigns several cases to one unit at once, or none when one of them cannot be", async () => {
    const operator = operatorOfA();
    const opened = await threeOpinionsTwoSentOn("HAND_OVER", "individual");
    const ids = opened.map((c) => c.id);
    const refused = await inCounty((tx) =>
      assignCases(tx, operator, { caseIds: ids, handlingUnit: unit[1] }, later),
    ).catch((e: unknown) => e as ValidationError);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ [`caseIds.${ids[2]}`]: "work.bulk.notAssignable" });
    expect((await caseOf(opened[0]!.trackingCode!)).state).toBe("assignment");

    expect(
      await inCounty((tx) => assignCases(tx, operator, { caseIds: ids.slice(0, 2), handlingUnit: unit[1] }, later)),
    ).toEqual({
      assigned: 2,
    });
    for (const kase of opened.slice(0, 2)) {
      expect(await caseOf(kase.trackingCode!)).toMatchObject({ state: "acceptance", handlingUnitId: unit[1] });
    }
  });
  it("merges opinions on one issue into a deputy suggestion, linking and telling their citizens", async () => {
    const operator = operatorOfA();
    const opened = await threeOpinionsTwoSentOn("ESCALATE", "common");
    const ids = opened.map((c) => c.id);
    const content = "多个村反映路灯损坏，建议区住建局统一排查更换";
    const refused = await inCounty((tx) => mergeIntoSuggestion(tx, operator, { caseIds: ids, content }, later)).catch(
      (e: unknown) => e,
    );
    expect((refused as ValidationError).fieldErrors).toEqual({ [`caseIds.${ids[2]}`]: "work.merge.notMergeable" });

    const { suggestionId } = await inCounty((tx) =>
      mergeIntoSuggestion(tx, operator, { caseIds: ids.slice(0, 2), content }, later),
    );
    const suggestion = await inCounty((tx) => getCase(tx, operator, suggestionId));
    expect(suggestion.case).toMatchObject({ state: "assignment", channel: "deputy", townshipName: expect.any(String) });
    expect(suggestion.case.mergedFrom.map((c) => c.id).sort()).toEqual(ids.slice(0, 2).sort());
    for (const kase of opened.slice(0, 2)) {
      expect(await caseOf(kase.trackingCode!)).toMatchObject({ state: "merged", mergedIntoId: suggestionId });
      const tracked = await t.db.withoutTenant((tx) => trackCase(tx, kase.trackingCode));
      expect(tracked.stateLabel["zh-CN"]).toBe("已整合为代表建议");
      const told = await inCounty((tx) => tx.select().from(outbox).where(eq(outbox.caseId, kase.id)));
      expect(told.map((m) => m.payload)).toContainEqual({ to: "submitter", template: "case.merged" });
    }
  });
  it("a co-handling unit sees the case and answers; only the lead unit's answer moves it on", async () => {
    const liaison = liaisonOfA();
    const operator = operatorOfA();
    const lead = ctx(responderOf(tenantId, unit[0]!));
    const co = ctx(responderOf(tenantId, unit[1]!));
    const { trackingCode } = await submit({ form: { altcha: await solved() } });
    const caseId = (await caseOf(trackingCode)).id;
    const act = async (who: typeof operator, event: string, data: Record<string, unknown>) => {
      const [current] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
      return inCounty((tx) => actOnCase(tx, who, { caseId, event, data, expectedSeq: current!.seq }, later));
    };
    await act(liaison, "SUBMIT_REVIEW", { summary: "路灯" });
    await act(liaison, "HAND_OVER", { issueScope: "individual" });
    await act(operator, "ASSIGN", { handlingUnit: unit[0] });
    await act(lead, "ACCEPT", {});
    await expect(inCounty((tx) => getCase(tx, co, caseId))).rejects.toBeInstanceOf(NotFoundError);
    await expect(act(operator, "SET_CO_UNITS", { coHandlingUnits: randomUUID() })).rejects.toMatchObject({
      fieldErrors: { "data.coHandlingUnits": expect.any(String) },
    });
    await act(operator, "SET_CO_UNITS", { coHandlingUnits: unit[1] });

    const seen = await inCounty((tx) => getCase(tx, co, caseId));
    expect(seen.actions.map((a) => a.event)).toEqual(["CO_REPLY"]);
    expect((await inCounty((tx) => listCases(tx, co, { view: "mine" }, later))).cases.map((c) => c.id)).toContain(
      caseId,
    );
    await expect(act(co, "REPLY", { replyContent: "越权答复" })).rejects.toMatchObject({
      formError: "errors.eventNotPermitted",
    });
    await expect(act(lead, "CO_REPLY", { coReply: "x" })).rejects.toMatchObject({
      formError: "errors.eventNotPermitted",
    });
    await act(co, "CO_REPLY", { coReply: "交通局配合更换电杆" });
    expect((await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId))))[0]!.state).toBe("handling");
    await act(lead, "REPLY", { replyContent: "已会同交通局修复" });

    const { case: done, timeline } = await inCounty((tx) => getCase(tx, lead, caseId));
    expect(done.state).toBe("replied");
    const labels = timeline.flatMap((e) => e.values.map((v) => `${v.label["zh-CN"]}：${v.value["zh-CN"]}`));
    expect(labels).toContain("协办单位：区交通局");
    expect(labels).toContain("协办意见：交通局配合更换电杆");
  });
  it("registers an opinion at the station for a citizen, or as a deputy's own, within reach", async () => {
    const liaison = liaisonOfA();
    const elsewhere = ctx(memberOf(tenantId, "station_liaison", [town[1]!]));
    const [station] = await inCounty((tx) => tx.select().from(stations).where(eq(stations.townshipId, town[0]!)));
    const form = { stationId: station!.id, content: "接待日群众反映：菜市场排水不畅", category: "urbanConstruction" };
    const register = (who: typeof liaison, input: Record<string, unknown>) =>
      inCounty((tx) => registerOpinion(tx, who, input, [], new StagedFiles("/tmp/rdlink-test-files"), later));

    const { caseId, trackingCode } = await register(liaison, { ...form, channel: "reception" });
    expect(trackingCode).toMatch(/^450107-/);
    const [row] = await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId)));
    expect(row).toMatchObject({
      channel: "reception",
      stationId: station!.id,
      townshipId: town[0],
      state: "registered",
    });
    await expect(register(elsewhere, { ...form, channel: "phone" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(register(liaison, { ...form, channel: "deputy" })).rejects.toMatchObject({
      fieldErrors: { channel: "validation.invalid" },
    });
    await expect(register(liaison, { ...form, channel: "fax" })).rejects.toMatchObject({
      fieldErrors: { channel: "validation.required" },
    });
  });
});
