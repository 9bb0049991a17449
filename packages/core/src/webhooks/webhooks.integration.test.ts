import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Actor } from "@rdlink/auth";
import { webhookDeliveries, webhooks } from "@rdlink/db";
import { createTestDatabase, type TestDatabase, testDrivers } from "@rdlink/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCase } from "../cases/start-case";
import { ManualClock } from "../clock";
import { ValidationError } from "../shared/errors";
import { memberOf } from "../testing/actors";
import { onboardTestCounty } from "../testing/counties";
import { runWorkerRound } from "../worker/start-worker";
import { createWebhook } from "./create-webhook";
import { listWebhooks } from "./list-webhooks";
import { setWebhookActive } from "./set-webhook-active";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "./webhook-signature";

type Received = { body: string; signature: string | undefined; event: string | undefined };

describe.each(testDrivers())("signed webhooks on %s", (driver) => {
  const secretsKey = randomBytes(32);
  const clock = new ManualClock(new Date("2026-11-02T01:00:00Z"));
  let t: TestDatabase;
  let tenantId: string;
  let countyAdmin: Actor;
  let neighbourId: string;
  let receiver: Server;
  let url: string;
  const received: Received[] = [];
  /** The receiver answers these statuses in turn, then 200. */
  const answers: number[] = [];

  beforeAll(async () => {
    t = await createTestDatabase(driver);
    ({ tenantId, admin: countyAdmin } = await onboardTestCounty(t.db, "450107", clock));
    neighbourId = (await onboardTestCounty(t.db, "450102", clock)).tenantId;
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        received.push({
          body,
          signature: request.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined,
          event: request.headers["x-rdlink-event"] as string | undefined,
        });
        response.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rdlink`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await t.drop();
  });

  const admin = () => ({ actor: countyAdmin, ip: null, clock });
  const inCounty = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) => t.db.withTenant(tenantId, work);
  const round = (at: Date) => runWorkerRound(t.db, at, { housekeeping: false, secretsKey });

  it("signs every step of the county's cases to its address, retries with backoff, and logs each attempt", async () => {
    const created = await inCounty((tx) => createWebhook(tx, admin(), { name: "12345 热线", url }, secretsKey));
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    // Sealed, not kept as given.
    const [stored] = await inCounty((tx) => tx.select().from(webhooks).where(eq(webhooks.id, created.id)));
    expect(stored!.secretSealed).not.toContain(created.secret);
    // A stopped webhook is sent nothing.
    const stopped = await inCounty((tx) =>
      createWebhook(tx, admin(), { name: "旧 OA", url: `${url}/old` }, secretsKey),
    );
    await inCounty((tx) => setWebhookActive(tx, admin(), { webhookId: stopped.id, active: false }));

    const opened = clock.now();
    const liaison = { actor: memberOf(tenantId, "station_liaison"), ip: null, clock };
    const { caseId } = await inCounty((tx) =>
      startCase(tx, liaison, { workflowKey: "citizenOpinion", data: { content: "路灯坏了" } }, opened),
    );
    // The neighbour's case is not this county's to send.
    const neighbourLiaison = { actor: memberOf(neighbourId, "station_liaison"), ip: null, clock };
    await t.db.withTenant(neighbourId, (tx) =>
      startCase(tx, neighbourLiaison, { workflowKey: "citizenOpinion", data: { content: "x" } }, opened),
    );

    answers.push(503);
    expect((await round(opened)).webhooks).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const [first] = received;
    expect(first!.event).toBe("case.step");
    expect(verifyWebhookSignature(created.secret, first!.signature, first!.body, opened)).toBe(true);
    // Another secret, a changed body or a replay ten minutes later do not verify.
    expect(verifyWebhookSignature(`${created.secret}x`, first!.signature, first!.body, opened)).toBe(false);
    expect(verifyWebhookSignature(created.secret, first!.signature, first!.body.replace("1", "2"), opened)).toBe(false);
    expect(
      verifyWebhookSignature(created.secret, first!.signature, first!.body, new Date(opened.getTime() + 600_000)),
    ).toBe(false);
    const body = JSON.parse(first!.body);
    expect(body).toMatchObject({
      type: "case.step",
      case: { id: caseId, workflow: { key: "citizenOpinion" }, closed: false },
      step: { seq: 1, from: null },
    });

    // Not before its backoff; then again, and delivered.
    expect((await round(new Date(opened.getTime() + 29_000))).webhooks.delivered).toBe(0);
    expect(received).toHaveLength(1);
    const retryAt = new Date(opened.getTime() + 30_000);
    expect((await round(retryAt)).webhooks).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toBe(first!.body);
    expect(verifyWebhookSignature(created.secret, received[1]!.signature, received[1]!.body, retryAt)).toBe(true);

    const [delivery] = await inCounty((tx) => tx.select().from(webhookDeliveries));
    expect(delivery).toMatchObject({ status: "delivered", attempts: 2, lastStatus: 200, deliveredAt: retryAt });
    const log = await inCounty((tx) => listWebhooks(tx, admin()));
    expect(log.webhooks.map((hook) => [hook.name, hook.active])).toEqual([
      ["12345 热线", true],
      ["旧 OA", false],
    ]);
    expect(log.deliveries).toEqual([
      expect.objectContaining({ webhook: "12345 热线", status: "delivered", attempts: 2, lastStatus: 200 }),
    ]);
    // Nothing queued for the neighbour, which has no webhook.
    expect(await t.db.withTenant(neighbourId, (tx) => tx.select().from(webhookDeliveries))).toEqual([]);
  });

  it("gives up after five failed attempts and says why", async () => {
    await inCounty((tx) => tx.delete(webhookDeliveries));
    const liaison = { actor: memberOf(tenantId, "station_liaison"), ip: null, clock };
    clock.advance(86_400_000);
    const opened = clock.now();
    await inCounty((tx) => startCase(tx, liaison, { workflowKey: "citizenOpinion", data: { content: "y" } }, opened));
    answers.push(500, 500, 500, 500, 500);
    let at = opened;
    const outcomes = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      outcomes.push((await round(at)).webhooks);
      at = new Date(at.getTime() + 30_000 * 2 ** (attempt - 1));
    }
    expect(outcomes.at(-1)).toEqual({ delivered: 0, retried: 0, failed: 1 });
    const [delivery] = await inCounty((tx) => tx.select().from(webhookDeliveries));
    expect(delivery).toMatchObject({ status: "failed", attempts: 5, lastStatus: 500, lastError: "HTTP 500" });
  });

  it("refuses an address that is not http(s), adding nothing", async () => {
    const before = await inCounty((tx) => tx.select().from(webhooks));
    await expect(
      inCounty((tx) => createWebhook(tx, admin(), { name: "x", url: "ftp://files.example/hook" }, secretsKey)),
    ).rejects.toThrow(ValidationError);
    await expect(
      inCounty((tx) => createWebhook(tx, admin(), { name: "x", url: "not a url" }, secretsKey)),
    ).rejects.toMatchObject({ fieldErrors: { url: "validation.webhookUrl" } });
    expect(await inCounty((tx) => tx.select().from(webhooks))).toEqual(before);
  });
});
