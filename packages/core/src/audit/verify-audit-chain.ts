import { type AppTx, selectRows, type TenantTx } from "@rdlink/db";
import { type SQL, sql } from "drizzle-orm";

/**
 * The seq of every row of a chain whose hash no longer matches its content (`expectedHash`,
 * recomputed by the same function the chain trigger used) or whose link to the previous row is
 * broken: a changed row, or one whose predecessor was deleted.
 */
async function brokenLinks(tx: AppTx, rows: SQL, expectedHash: SQL): Promise<number[]> {
  const broken = await selectRows<{ seq: number }>(
    tx,
    sql`select seq::int as seq from (
          select seq, hash, prev_hash,
            lag(hash, 1, '') over (order by seq) as expected_prev,
            lag(seq, 1, 0::bigint) over (order by seq) as previous_seq,
            ${expectedHash} as expected_hash
          from ${rows}
        ) chain
        where hash <> expected_hash or prev_hash <> expected_prev or seq <> previous_seq + 1
        order by seq`,
  );
  return broken.map((row) => row.seq);
}

/** Walks the tenant's audit chain: the rows that no longer check out. */
export function verifyAuditChain(tx: TenantTx): Promise<number[]> {
  return brokenLinks(
    tx,
    sql`audit_log where tenant_id = ${tx.tenantId}`,
    sql`audit_row_hash(prev_hash, tenant_id, seq, at, actor_user_id, action, object_type, object_id, ip, detail)`,
  );
}

/** The same walk over the platform's chain (platform staff, sign-ins of no county). */
export function verifyPlatformAuditChain(tx: AppTx): Promise<number[]> {
  return brokenLinks(
    tx,
    sql`platform_audit_log`,
    sql`platform_audit_row_hash(prev_hash, seq, at, actor_user_id, actor_name, action, object_type, object_id, tenant_id, ip, detail)`,
  );
}
