import { randomBytes } from "node:crypto";
import { cases } from "@rdlink/db";
import { testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { listOutboxMessages } from "../outbox/list-outbox-messages";
import { retryOutboxMessage } from "../outbox/retry-outbox-message";
import { mobileNumbersIn } from "../testing/phones";
import type { EndpointBehaviour } from "../testing/tencent-sms-endpoint";
import { MAX_ATTEMPTS, nextAttemptAfter } from "../worker/backoff";
import { deliverOutbox } from "../worker/deliver-outbox";
import { logAdapter } from "../worker/outbox-adapters";
import { smsTestCounty } from "./sms-test-county";
import { tencentSmsChannel } from "./tencent-sms-channel";

const PHONE = "13912345678";

describe.each(testDrivers())("a failing SMS provider on %s", (driver) => {
  const county = smsTestCounty(driver);
  const { state } = county;
  beforeAll(county.setUp);
  afterAll(county.tearDown);

  it("is retried with the outbox's backoff, then the message is failed and its case an incident", async () => {
    const { trackingCode } = await county.submit({ submitterPhone: PHONE, consent: "on" });
    const kase = await county.caseOf(trackingCode);
    const clock = new ManualClock(new Date(county.submittedAt.getTime() + 1000));
    const lines: string[] = [];
    const deliver = () =>
      deliverOutbox(
        state.t.db,
        logAdapter((line) => lines.push(line)),
        { now: clock.now(), sms: county.channel() },
      );
    // The provider quotes the number in its messages; the outbox keeps it masked.
    const failures: [EndpointBehaviour, RegExp][] = [
      [{ kind: "http", status: 502 }, /^HTTP 502/],
      [
        { kind: "apiError", code: "LimitExceeded.PhoneNumberDailyLimit", message: `+86${PHONE} 超出单日发送上限` },
        /^LimitExceeded\.PhoneNumberDailyLimit: \+86139\*\*\*\*5678 超出单日发送上限$/,
      ],
      [
        { kind: "sendStatus", code: "LimitExceeded.PhoneNumberThirtySecondLimit", message: `号码 ${PHONE} 30秒内限发` },
        /^LimitExceeded\.PhoneNumberThirtySecondLimit: 号码 139\*\*\*\*5678 30秒内限发$/,
      ],
      [
        { kind: "apiError", code: "FailedOperation.InsufficientBalanceInSmsPackage", message: "套餐包余量不足" },
        /^FailedOperation/,
      ],
      [{ kind: "apiError", code: "InternalError.Timeout", message: "请求下发短信超时" }, /^InternalError\.Timeout/],
    ];
    expect(failures).toHaveLength(MAX_ATTEMPTS);

    for (const [attempt, [behaviour, error]] of failures.entries()) {
      state.endpoint.answerWith(behaviour);
      const before = state.endpoint.received.length;
      const report = await deliver();
      expect(state.endpoint.received).toHaveLength(before + 1);
      const [message] = await county.messagesOf(kase.id);
      expect(message!.lastError).toMatch(error);
      expect(message!.attempts).toBe(attempt + 1);
      if (attempt + 1 < MAX_ATTEMPTS) {
        expect(report).toMatchObject({ delivered: 0, retried: 1, failed: 0 });
        expect(message).toMatchObject({ status: "pending", nextAttemptAt: nextAttemptAfter(clock.now(), attempt + 1) });
        // Not tried again before its backoff has passed.
        clock.advance(message!.nextAttemptAt.getTime() - clock.now().getTime() - 1000);
        expect(await deliver()).toEqual({ delivered: 0, retried: 0, failed: 0 });
        expect(state.endpoint.received).toHaveLength(before + 1);
        clock.advance(1000);
      } else {
        expect(report).toMatchObject({ delivered: 0, retried: 0, failed: 1 });
        expect(message!.status).toBe("failed");
      }
    }
    const [flagged] = await county.inCounty((tx) => tx.select().from(cases).where(eq(cases.id, kase.id)));
    expect(flagged).toMatchObject({ incident: true, state: "registered" });
    const page = await county.inCounty((tx) => listOutboxMessages(tx, county.adminContext(), { status: "failed" }));
    expect(page.rows).toEqual([expect.objectContaining({ kind: "sms", phone: "139****5678" })]);
    expect(mobileNumbersIn(page)).toEqual([]);
    expect(mobileNumbersIn(lines)).toEqual([]);

    // The admin retries it once the account is topped up: sent, and the case is no incident any more.
    const [failed] = await county.messagesOf(kase.id);
    await county.inCounty((tx) => retryOutboxMessage(tx, county.adminContext(), { id: failed!.id }, clock.now()));
    state.endpoint.answerWith({ kind: "ok" });
    expect(await deliver()).toMatchObject({ delivered: 1 });
    expect(await county.messagesOf(kase.id)).toEqual([
      expect.objectContaining({ status: "delivered", deliveredVia: "sms" }),
    ]);
    const [cleared] = await county.inCounty((tx) => tx.select().from(cases).where(eq(cases.id, kase.id)));
    expect(cleared!.incident).toBe(false);
  });

  it("fails, naming the cause, when the keys were sealed under another COUNTY_SECRETS_KEY; nothing is sent", async () => {
    state.endpoint.answerWith({ kind: "ok" });
    const { trackingCode } = await county.submit({ submitterPhone: PHONE, consent: "on" });
    const kase = await county.caseOf(trackingCode);
    const before = state.endpoint.received.length;
    const otherKey = tencentSmsChannel({
      secretsKey: randomBytes(32),
      endpoint: state.endpoint.endpoint,
      agent: state.endpoint.agent,
    });
    const report = await deliverOutbox(state.t.db, logAdapter(), {
      now: new Date(county.submittedAt.getTime() + 1000),
      sms: otherKey,
    });
    expect(report).toMatchObject({ delivered: 0, retried: 1 });
    const [message] = await county.messagesOf(kase.id);
    expect(message).toMatchObject({ status: "pending", attempts: 1 });
    expect(message!.lastError).toContain("短信密钥无法解密");
    expect(state.endpoint.received).toHaveLength(before);
  });
});
