import { selectRows, type TenantTx } from "@rdlink/db";
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
            audit_row_hash(prev_hash, tenant_id, seq, at, actor_user_id, action, object_type, object_id, ip, detail) as expected_hash
          from audit_log where tenant_id = ${tx.tenantId}
        ) chain
        where hash <> expected_hash or prev_hash <> expected_prev
        order by seq`,
  );
  return broken.map((row) => row.seq);
}
