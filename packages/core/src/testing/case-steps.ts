import type { Actor } from "@rdlink/auth";
import { cases, type Database, type TenantTx } from "@rdlink/db";
import { eq } from "drizzle-orm";
import { actOnCase } from "../cases/act-on-case";
import type { Clock } from "../clock";

/**
 * What a test that steps cases through their workflow repeats: the context for an actor, one
 * transaction in the county, a case's row, one step at the case's current seq, and a refusal
 * caught as a value. `db` and `tenantId` are read when called, since tests set them in beforeAll.
 */
export function caseSteps(db: () => Database, tenantId: () => string, clock: Clock) {
  const ctx = (actor: Actor) => ({ actor, ip: null, clock });
  const inCounty = <T>(work: (tx: TenantTx) => Promise<T>) => db().withTenant(tenantId(), work);
  const row = async (caseId: string) =>
    (await inCounty((tx) => tx.select().from(cases).where(eq(cases.id, caseId))))[0]!;
  /** One step at `seq`, alone in its transaction as the case page's action takes it (its statement carries the COMMIT). */
  const stepAt = (actor: Actor, caseId: string, event: string, data: Record<string, unknown>, seq: number) =>
    db().withTenant(tenantId(), (tx) => actOnCase(tx, ctx(actor), { caseId, event, data, expectedSeq: seq }), {
      endsWithLastStatement: true,
    });
  const act = async (actor: Actor, caseId: string, event: string, data: Record<string, unknown> = {}) =>
    stepAt(actor, caseId, event, data, (await row(caseId)).seq);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error,
    );
  return { ctx, inCounty, row, stepAt, act, refusal };
}
