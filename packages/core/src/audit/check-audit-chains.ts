import { type Database, platformAuditLog, tenants } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { and, eq, gte, sql } from "drizzle-orm";
import { shanghaiDaySpan } from "../shared/shanghai-days";
import { recordPlatformAudit } from "./record-audit";
import { verifyAuditChain, verifyPlatformAuditChain } from "./verify-audit-chain";

export type TChainCheck = {
  /** Whether this call ran the day's check (false: another round or worker had run it). */
  ran: boolean;
  /** Chains walked: the platform's and each county's. */
  chains: number;
  /** The broken chains, each with the seq of its first broken row. */
  broken: { tenantId: string | null; firstSeq: number; rows: number }[];
};

/**
 * The worker's nightly walk of every audit chain — the platform's and each county's (suspended
 * ones too: their history must hold). Once per day (Asia/Shanghai) whatever the number of workers:
 * the day is claimed by a platform audit row under an advisory lock. A broken chain raises an
 * incident, an `audit.chain_broken` row the platform console shows, naming the county and the row.
 */
export async function checkAuditChains(db: Database, now: Date): Promise<TChainCheck> {
  const ctx = { actor: null, ip: null, clock: { now: () => now } };
  const { start } = shanghaiDaySpan({ from: localDateOf(now), to: localDateOf(now) });
  const counties = await db.withoutTenant(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('audit:chains_checked', 0))`);
    const [done] = await tx
      .select({ id: platformAuditLog.id })
      .from(platformAuditLog)
      .where(and(eq(platformAuditLog.action, "audit.chains_checked"), gte(platformAuditLog.at, start)))
      .limit(1);
    if (done) return null;
    const all = await tx.select({ id: tenants.id }).from(tenants);
    await recordPlatformAudit(tx, ctx, { action: "audit.chains_checked", detail: { counties: all.length } });
    return all.map((t) => t.id);
  });
  if (!counties) return { ran: false, chains: 0, broken: [] };

  const broken: TChainCheck["broken"] = [];
  const platform = await db.withoutTenant((tx) => verifyPlatformAuditChain(tx));
  if (platform.length > 0) broken.push({ tenantId: null, firstSeq: platform[0]!, rows: platform.length });
  for (const tenantId of counties) {
    const seqs = await db.withTenant(tenantId, (tx) => verifyAuditChain(tx));
    if (seqs.length > 0) broken.push({ tenantId, firstSeq: seqs[0]!, rows: seqs.length });
  }
  if (broken.length > 0)
    await db.withoutTenant(async (tx) => {
      for (const chain of broken)
        await recordPlatformAudit(tx, ctx, {
          action: "audit.chain_broken",
          ...(chain.tenantId ? { tenantId: chain.tenantId } : {}),
          detail: { firstSeq: chain.firstSeq, rows: chain.rows },
        });
    });
  return { ran: true, chains: counties.length + 1, broken };
}
