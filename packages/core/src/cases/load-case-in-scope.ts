import type { Actor } from "@rdlink/auth";
import { cases, QueryShapes, type TenantTx } from "@rdlink/db";
import { and, eq, sql } from "drizzle-orm";
import { NotFoundError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { caseScope, reachOf, scopeOf } from "./case-scope";
import { stepCaseColumns } from "./drizzle-case-store";
import { pgArray } from "./step-statement";

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

const locks = new QueryShapes("lock_case_for_step");

/**
 * The case a step of the actor's is about to take, as `loadCaseInScope` finds it, locked until
 * the transaction ends and with only the columns a step reads (`stepCaseColumns`). Every step
 * runs it: its text is built once per kind of reach (`Reach`), the actor's ids are placeholders.
 */
export async function lockCaseForStep(tx: TenantTx, actor: Actor, caseIdInput: unknown) {
  const caseId = ZId.safeParse(caseIdInput);
  if (!caseId.success) throw new NotFoundError();
  const reach = reachOf(tx, actor);
  const shape = [reach.admin, reach.deputy, reach.teams, reach.townships, reach.units].map((v) => (v ? 1 : 0)).join("");
  const [row] = await locks.run(
    tx,
    shape,
    () =>
      tx
        .select(stepCaseColumns)
        .from(cases)
        .where(
          and(
            eq(cases.tenantId, param("tenantId", "uuid")),
            eq(cases.id, param("caseId", "uuid")),
            scopeOf(tx, {
              ...reach,
              tenantId: param("tenantId", "uuid"),
              userId: param("userId", "uuid"),
              teams: reach.teams && param("teams", "text[]"),
              townships: reach.townships && param("townships", "uuid[]"),
              units: reach.units && param("units", "uuid[]"),
            }),
          ),
        )
        .for("update"),
    {
      tenantId: tx.tenantId,
      caseId: caseId.data,
      userId: actor.userId,
      teams: pgArray(reach.teams ?? []),
      townships: pgArray(reach.townships ?? []),
      units: pgArray(reach.units ?? []),
    },
  );
  if (!row) throw new NotFoundError();
  return row;
}

const param = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;
