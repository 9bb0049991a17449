import { caseEvents, cases } from "@rdlink/db";
import { testDrivers } from "@rdlink/db/testing";
import { socketWritesDuring } from "@rdlink/db/testing/socket-writes";
import { applyEvent, WorkflowError } from "@rdlink/workflow";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notificationTestCounty } from "../notifications/notification-test-county";
import { actOnCase } from "./act-on-case";
import { runtimeActor } from "./acting-as";
import { DrizzleCaseStore, stepCaseColumns } from "./drizzle-case-store";

/**
 * A step alone in its transaction (the case page's action) has its statement carry the COMMIT
 * (decision 0046): two round trips on PostgreSQL, and a statement that finds its case moved on
 * fails, so that nothing of it commits.
 */
describe.each(testDrivers())("a step that ends its transaction, on %s", (driver) => {
  const county = notificationTestCounty(driver);
  const { people, openCase } = county;
  let c: Awaited<ReturnType<typeof county.setUp>>;

  beforeAll(async () => {
    c = await county.setUp();
  });
  afterAll(() => county.drop());

  const inCounty = <T>(work: Parameters<typeof c.t.db.withTenant<T>>[1]) => c.t.db.withTenant(c.tenantId, work);
  const submitForReview = (caseId: string) =>
    c.t.db.withTenant(
      c.tenantId,
      (tx) =>
        actOnCase(tx, people.liaisonA!, { caseId, event: "SUBMIT_REVIEW", data: { summary: "路灯" }, expectedSeq: 1 }),
      { endsWithLastStatement: true },
    );
  const eventsOf = (caseId: string) =>
    inCounty((tx) =>
      tx.select({ seq: caseEvents.seq, type: caseEvents.type }).from(caseEvents).where(eq(caseEvents.caseId, caseId)),
    );

  it("takes two round trips on PostgreSQL: the lock with BEGIN, the statement with COMMIT", async () => {
    // The same step on a few cases first: its statements are then prepared on the pool's connections.
    for (let i = 0; i < 4; i++) await submitForReview((await openCase(`路灯 ${i}`)).caseId);
    const { caseId } = await openCase("路灯不亮");
    const writes = await socketWritesDuring(() => submitForReview(caseId));
    // Without the COMMIT behind the statement: three.
    expect(writes).toBe(driver === "postgres" ? 2 : 0);
    expect(await eventsOf(caseId)).toEqual(
      expect.arrayContaining([
        { seq: 1, type: "CASE_STARTED" },
        { seq: 2, type: "SUBMIT_REVIEW" },
      ]),
    );
  });

  it("keeps nothing of a step whose case had moved on, though its COMMIT went with it", async () => {
    const { caseId } = await openCase("井盖缺失");
    // The store holds the case as it was at seq 7, as if read before six more steps (it is at seq 1):
    // the update finds no row. The event at seq 8 would conflict with nothing, so only the
    // statement's own check stands between it and the COMMIT.
    const refused = await c.t.db
      .withTenant(
        c.tenantId,
        async (tx) => {
          const [row] = await tx
            .select(stepCaseColumns)
            .from(cases)
            .where(and(eq(cases.tenantId, c.tenantId), eq(cases.id, caseId)))
            .for("update");
          const store = new DrizzleCaseStore(tx).holding({ ...row!, seq: 7 });
          return applyEvent(
            store,
            caseId,
            { type: "SUBMIT_REVIEW", data: { summary: "井盖" } },
            { expectedSeq: 7, actor: runtimeActor(people.liaisonA!.actor), now: new Date("2026-03-02T02:00:00Z") },
          );
        },
        { endsWithLastStatement: true },
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WorkflowError);
    expect((refused as WorkflowError).code).toBe("seqConflict");
    expect(await eventsOf(caseId)).toEqual([{ seq: 1, type: "CASE_STARTED" }]);
    const [kase] = await inCounty((tx) => tx.select({ seq: cases.seq }).from(cases).where(eq(cases.id, caseId)));
    expect(kase!.seq).toBe(1);
  });
});
