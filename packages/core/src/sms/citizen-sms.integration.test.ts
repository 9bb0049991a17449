import { outbox } from "@rdlink/db";
import { testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateCase } from "../cases/rate-case";
import { listOutboxMessages } from "../outbox/list-outbox-messages";
import { ValidationError } from "../shared/errors";
import { responderOf } from "../testing/actors";
import { mobileNumbersIn } from "../testing/phones";
import { deliverOutbox } from "../worker/deliver-outbox";
import { logAdapter } from "../worker/outbox-adapters";
import { SECRET_ID, SMS_FORM, smsTestCounty } from "./sms-test-county";

const PHONE = "13812345678";

describe.each(testDrivers())("citizens hear back by SMS on %s", (driver) => {
  const county = smsTestCounty(driver);
  const { state } = county;
  const logLines: string[] = [];
  beforeAll(county.setUp);
  afterAll(county.tearDown);

  /** One round of the outbox at `now`, through the local Tencent endpoint, the log collecting lines. */
  const deliver = (now = new Date(county.submittedAt.getTime() + 1000)) =>
    deliverOutbox(
      state.t.db,
      logAdapter((line) => logLines.push(line)),
      { now, sms: county.channel() },
    );

  it("sends the tracking code to a citizen who left a mobile number with consent, signed as Tencent expects", async () => {
    const before = state.endpoint.received.length;
    const { trackingCode } = await county.submit({ submitterPhone: PHONE, consent: "on" });
    const kase = await county.caseOf(trackingCode);
    const [queued] = await county.messagesOf(kase.id);
    // The row names no number: the worker reads it from the case.
    expect(queued).toMatchObject({ status: "pending", payload: { to: "submitter", template: "sms.submitted" } });
    expect(mobileNumbersIn(queued)).toEqual([]);

    expect(await deliver()).toMatchObject({ delivered: 1, retried: 0, failed: 0 });
    const [sent] = await county.messagesOf(kase.id);
    expect(sent).toMatchObject({ status: "delivered", deliveredVia: "sms", attempts: 1 });

    expect(state.endpoint.received).toHaveLength(before + 1);
    const request = state.endpoint.received.at(-1)!;
    expect(request).toMatchObject({
      action: "SendSms",
      version: "2021-01-11",
      region: "ap-guangzhou",
      signatureValid: true,
      secretId: SECRET_ID,
      service: "sms",
    });
    expect(request.body).toMatchObject({
      SmsSdkAppId: SMS_FORM.sdkAppId,
      SignName: SMS_FORM.signName,
      TemplateId: SMS_FORM.templateSubmitted,
      TemplateParamSet: [trackingCode],
      PhoneNumberSet: [`+86${PHONE}`],
    });

    // The admin's outbox page shows the number masked, and nothing logged or listed holds it.
    const page = await county.inCounty((tx) => listOutboxMessages(tx, county.adminContext()));
    const row = page.rows.find((r) => r.id === sent!.id)!;
    expect(row).toMatchObject({ kind: "sms", to: "submitter", template: "sms.submitted", phone: "138****5678" });
    expect(mobileNumbersIn(page)).toEqual([]);
    expect(mobileNumbersIn(logLines)).toEqual([]);
  });

  it("sends nothing to a citizen who left no number, and refuses a number without consent", async () => {
    const before = state.endpoint.received.length;
    const { trackingCode } = await county.submit({});
    const kase = await county.caseOf(trackingCode);
    expect(await county.messagesOf(kase.id)).toEqual([]);
    await expect(county.submit({ submitterPhone: PHONE })).rejects.toMatchObject({
      fieldErrors: { consent: "validation.consentRequired" },
    });
    await expect(county.submit({ submitterPhone: PHONE })).rejects.toBeInstanceOf(ValidationError);
    // A landline can take no SMS: none is queued for it.
    const landline = await county.caseOf(
      (await county.submit({ submitterPhone: "0771-3856789", consent: "on" })).trackingCode,
    );
    expect(await county.messagesOf(landline.id)).toEqual([]);
    await deliver();
    expect(state.endpoint.received).toHaveLength(before);
  });

  it("tells the citizen when the case is assigned, answered and closed, once each", async () => {
    const { trackingCode } = await county.submit({ submitterPhone: PHONE, consent: "on" });
    const kase = await county.caseOf(trackingCode);
    const responder = responderOf(state.tenantId, state.units[0]!);
    await county.act(kase.id, county.staff("station_liaison"), "SUBMIT_REVIEW", { summary: "路灯" });
    await county.act(kase.id, county.staff("station_liaison"), "HAND_OVER", { issueScope: "individual" });
    await county.act(kase.id, county.staff("township_operator"), "ASSIGN", { handlingUnit: state.units[0] });
    await county.act(kase.id, responder, "ACCEPT", {});
    await county.act(kase.id, responder, "REPLY", { replyContent: "已更换路灯" });
    const templates = async () => (await county.messagesOf(kase.id)).map((m) => m.payload.template);
    expect(await templates()).toEqual(["sms.submitted", "sms.assigned", "sms.answered"]);

    // Unsatisfied: handled again and answered again (a second answer), the unit's desk again (no second 交办 message).
    const current = await county.caseOf(trackingCode);
    const rate = (satisfaction: string, seq: number) =>
      state.t.db.withoutTenant((tx) =>
        rateCase(
          tx,
          trackingCode,
          { expectedSeq: seq, idempotencyKey: crypto.randomUUID(), data: { satisfaction } },
          county.submittedAt,
        ),
      );
    const unhappy = await rate("unsatisfied", current.seq);
    await county.act(kase.id, responder, "REPLY", { replyContent: "已重新维修" });
    await rate("satisfied", unhappy.seq + 1);
    expect(await templates()).toEqual(["sms.submitted", "sms.assigned", "sms.answered", "sms.answered", "sms.closed"]);

    const before = state.endpoint.received.length;
    // Besides the five SMS, the steps' own notifications (the bell) are delivered too.
    expect(await deliver()).toMatchObject({ failed: 0, retried: 0 });
    const sent = state.endpoint.received.slice(before);
    expect(sent).toHaveLength(5);
    expect(sent.every((r) => r.signatureValid)).toBe(true);
    expect(sent.map((r) => r.body.TemplateId).sort()).toEqual(["2001", "2002", "2003", "2003", "2004"]);
    expect(sent.every((r) => JSON.stringify(r.body.TemplateParamSet) === JSON.stringify([trackingCode]))).toBe(true);
    const rows = await county.inCounty((tx) => tx.select().from(outbox).where(eq(outbox.caseId, kase.id)));
    expect(rows.filter((r) => r.kind === "sms").every((r) => r.deliveredVia === "sms")).toBe(true);
  });
});

describe.each(testDrivers())("a county without SMS on %s", (driver) => {
  const county = smsTestCounty(driver, { withSms: false });
  beforeAll(county.setUp);
  afterAll(county.tearDown);

  it("keeps today's behaviour: the citizen's message goes to the log channel, and no provider is called", async () => {
    const { trackingCode } = await county.submit({ submitterPhone: PHONE, consent: "on" });
    const kase = await county.caseOf(trackingCode);
    const lines: string[] = [];
    const report = await deliverOutbox(
      county.state.t.db,
      logAdapter((line) => lines.push(line)),
      {
        now: new Date(county.submittedAt.getTime() + 1000),
        sms: county.channel(),
      },
    );
    expect(report.delivered).toBeGreaterThanOrEqual(1);
    expect(await county.messagesOf(kase.id)).toEqual([
      expect.objectContaining({ status: "delivered", deliveredVia: "log" }),
    ]);
    expect(county.state.endpoint.received).toEqual([]);
    expect(lines.some((line) => line.includes("sms.submitted"))).toBe(true);
    expect(mobileNumbersIn(lines)).toEqual([]);
  });
});
