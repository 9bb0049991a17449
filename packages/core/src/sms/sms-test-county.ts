import { randomBytes, randomUUID } from "node:crypto";
import type { Actor } from "@rdlink/auth";
import { cases, handlingUnits, outbox, stations, stationTypes, type TenantTx, townships } from "@rdlink/db";
import { createTestDatabase, type TestDatabase } from "@rdlink/db/testing";
import { and, asc, eq } from "drizzle-orm";
import { actOnCase } from "../cases/act-on-case";
import { getCase } from "../cases/get-case";
import { systemClock } from "../clock";
import type { PublicSubmission } from "../intake/submit-opinion";
import { submitPublicOpinion } from "../intake/submit-public-opinion";
import { memberOf, realMemberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { solvedChallenge, TEST_INTAKE_SECRET } from "../testing/proof-of-work";
import { startTencentSmsEndpoint } from "../testing/tencent-sms-endpoint";
import { saveSmsSettings } from "./save-sms-settings";
import { tencentSmsChannel } from "./tencent-sms-channel";

export const SECRET_ID = "AKIDrdlinkTestSecretId0123456789abcd";
export const SECRET_KEY = "rdlinkTestSecretKey0123456789abcd";

/** The account a county's admin types in on the SMS settings page. */
export const SMS_FORM = {
  secretId: SECRET_ID,
  secretKey: SECRET_KEY,
  sdkAppId: "1400123456",
  signName: "西乡塘区人大",
  region: "ap-guangzhou",
  templateSubmitted: "2001",
  templateAssigned: "2002",
  templateAnswered: "2003",
  templateClosed: "2004",
};

/**
 * A county with a station on its public page and two handling units, whose admin set up SMS (or
 * not, `withSms: false`), the local Tencent Cloud SMS endpoint that knows its keys, and the channel
 * the worker sends through. One database per test file: `setUp` in beforeAll, `tearDown` after.
 */
export function smsTestCounty(driver: Parameters<typeof createTestDatabase>[0], options = { withSms: true }) {
  const secretsKey = randomBytes(32);
  const state = {} as {
    t: TestDatabase;
    tenantId: string;
    townshipId: string;
    units: string[];
    admin: Actor;
    endpoint: Awaited<ReturnType<typeof startTencentSmsEndpoint>>;
  };
  // ALTCHA checks a challenge's expiry against the real clock, so submissions happen now.
  const submittedAt = systemClock.now();

  async function setUp() {
    state.t = await createTestDatabase(driver);
    state.tenantId = (await onboardTestCounty(state.t.db, "450107")).tenantId;
    await inCounty(async (tx) => {
      const [township] = await tx.select({ id: townships.id }).from(townships).limit(1);
      state.townshipId = township!.id;
      const [type] = await tx.select({ id: stationTypes.id }).from(stationTypes).limit(1);
      await tx
        .insert(stations)
        .values({ stationTypeId: type!.id, townshipId: township!.id, name: "联络站", code: "K7M2Q2" });
      const units = await tx
        .insert(handlingUnits)
        .values([{ name: "区住建局" }])
        .returning({ id: handlingUnits.id });
      state.units = units.map((u) => u.id);
    });
    state.admin = await realMemberOf(state.t.db, state.tenantId, "county_admin");
    state.endpoint = await startTencentSmsEndpoint({ [SECRET_ID]: SECRET_KEY });
    if (options.withSms) await inCounty((tx) => saveSmsSettings(tx, adminContext(), SMS_FORM, secretsKey));
  }

  async function tearDown() {
    await state.endpoint?.close();
    await state.t?.drop();
  }

  const inCounty = <T>(work: (tx: TenantTx) => Promise<T>) => state.t.db.withTenant(state.tenantId, work);
  const adminContext = () => ({ actor: state.admin, ip: "203.0.113.9", clock: systemClock });

  /** A citizen's opinion from the station's public page. */
  async function submit(form: Record<string, unknown> = {}) {
    const submission: Omit<PublicSubmission, "staged"> & { filesDirectory: string } = {
      photos: [],
      intakeKey: randomUUID(),
      secret: TEST_INTAKE_SECRET,
      filesDirectory: "/tmp/rdlink-test-files",
      now: submittedAt,
      form: {
        content: "村口路灯坏了三个月",
        category: "urbanConstruction",
        altcha: await solvedChallenge(new Date(submittedAt.getTime() - 60_000)),
        ...form,
      },
    };
    return submitPublicOpinion(state.t.db, "450107-K7M2Q2", submission);
  }

  /** Takes the case's step as `actor` (the township's staff, the unit's responder …). */
  async function act(caseId: string, actor: Actor, event: string, data: Record<string, unknown>) {
    const ctx = { actor, ip: null, clock: systemClock };
    const { case: current } = await inCounty((tx) => getCase(tx, ctx, caseId, submittedAt));
    // As the case page's action: the step ends its transaction (its statement carries the COMMIT
    // unless the step texts the citizen too).
    await state.t.db.withTenant(
      state.tenantId,
      (tx) => actOnCase(tx, ctx, { caseId, event, data, expectedSeq: current.seq }, submittedAt),
      { endsWithLastStatement: true },
    );
  }

  const caseOf = async (trackingCode: string) =>
    (await inCounty((tx) => tx.select().from(cases).where(eq(cases.trackingCode, trackingCode))))[0]!;
  const messagesOf = (caseId: string) =>
    inCounty((tx) =>
      tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.caseId, caseId), eq(outbox.kind, "sms")))
        .orderBy(asc(outbox.seq)),
    );
  const staff = (role: "station_liaison" | "township_operator") => memberOf(state.tenantId, role, [state.townshipId]);

  return {
    state,
    secretsKey,
    submittedAt,
    setUp,
    tearDown,
    inCounty,
    adminContext,
    submit,
    act,
    caseOf,
    messagesOf,
    staff,
    channel: () =>
      tencentSmsChannel({
        secretsKey,
        endpoint: state.endpoint.endpoint,
        agent: state.endpoint.agent,
        timeoutSeconds: 5,
      }),
  };
}
