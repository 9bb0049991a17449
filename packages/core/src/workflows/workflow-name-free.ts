import { type TenantTx, workflows } from "@rdlink/db";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { ConflictError } from "../shared/errors";

/**
 * Refuses a Chinese name another of the county's workflows (not archived) already has: two
 * processes named alike could not be told apart in the lists, the designer or 登记其他事项.
 */
export async function assertWorkflowNameFree(tx: TenantTx, name: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: workflows.id })
    .from(workflows)
    .where(
      and(
        eq(workflows.tenantId, tx.tenantId),
        isNull(workflows.archivedAt),
        sql`trim(${workflows.name}->>'zh-CN') = ${name.trim()}`,
        exceptId ? ne(workflows.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken) throw new ConflictError("errors.workflowNameTaken", "name", { name: name.trim() });
}
