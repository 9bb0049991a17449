import type { Actor } from "@rdlink/auth";
import { cases, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { caseScope } from "./case-scope";
import { stepCaseColumns } from "./drizzle-case-store";

/**
 * A case row the actor may open; 404 for any other (another township's, another unit's, unknown).
 * `forUpdate`: locked until the transaction ends, for a step that goes on to write it.
 */
export async function loadCaseInScope(
  tx: TenantTx,
  actor: Actor,
  caseIdInput: unknown,
  options = { forUpdate: false },
) {
  const caseId = ZId.safeParse(caseIdInput);
  if (!caseId.success) throw new NotFoundError();
  const query = tx
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, caseId.data), caseScope(tx, actor)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * The case a step of the actor's is about to take, as `loadCaseInScope` finds it, locked until
 * the transaction ends and with only the columns a step reads (`stepCaseColumns`).
 */
export async function lockCaseForStep(tx: TenantTx, actor: Actor, caseIdInput: unknown) {
  const caseId = ZId.safeParse(caseIdInput);
  if (!caseId.success) throw new NotFoundError();
  const [row] = await tx
    .select(stepCaseColumns)
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.id, caseId.data), caseScope(tx, actor)))
    .for("update");
  if (!row) throw new NotFoundError();
  return row;
}
