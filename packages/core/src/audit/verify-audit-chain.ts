import { type AppTx, selectRows, type TenantTx } from "@rdlink/db";
import { sql } from "drizzle-orm";

/**
 * Walks the tenant's audit chain and returns the seq of every row whose hash no longer
 * matches its content or whose link to the previous row is broken.
 */
export async function verifyAuditChain(tx: TenantTx): Promise<number[]> {
  const broken = await selectRows<{ seq: number }>(
    tx,
    sql`select seq::int as seq from (
          select seq, hash, prev_hash,
            lag(hash, 1, '') over (order by seq) as expected_prev,
            lag(seq, 1, 0::bigint) over (order by seq) as previous_seq,
            audit_row_hash(prev_hash, tenant_id, seq, at, actor_user_id, action, object_type, object_id, ip, detail) as expected_hash
          from audit_log where tenant_id = ${tx.tenantId}
        ) chain
        where hash <> expected_hash or prev_hash <> expected_prev or seq <> previous_seq + 1
        order by seq`,
  );
  return broken.map((row) => row.seq);
}

/** The same walk over the platform's chain (platform staff, sign-ins of no county). */
export async function verifyPlatformAuditChain(tx: AppTx): Promise<number[]> {
  const broken = await selectRows<{ seq: number }>(
    tx,
    sql`select seq::int as seq from (
          select seq, hash, prev_hash,
            lag(hash, 1, '') over (order by seq) as expected_prev,
            lag(seq, 1, 0::bigint) over (order by seq) as previous_seq,
            platform_audit_row_hash(prev_hash, seq, at, actor_user_id, actor_name, action, object_type,
              object_id, tenant_id, ip, detail) as expected_hash
          from platform_audit_log
        ) chain
        where hash <> expected_hash or prev_hash <> expected_prev or seq <> previous_seq + 1
        order by seq`,
  );
  return broken.map((row) => row.seq);
}
