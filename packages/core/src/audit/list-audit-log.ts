import { assertCan } from "@rdlink/auth";
import { auditLog, type TenantTx } from "@rdlink/db";
import { and, count, desc, eq, like, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";

export const ZListAuditLog = z.object({
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z_.]*$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(10).max(200).default(50).catch(50),
});

/** The county's audit trail, newest first; `action` filters by prefix ("auth." for sign-ins). */
export async function listAuditLog(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.audit.read", { tenantId: tx.tenantId });
  const { action, page, pageSize } = parseInput(ZListAuditLog, input);
  const filters: (SQL | undefined)[] = [
    eq(auditLog.tenantId, tx.tenantId),
    action ? like(auditLog.action, `${action}%`) : undefined,
  ];
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(auditLog)
      .where(and(...filters))
      .orderBy(desc(auditLog.seq))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx
      .select({ value: count() })
      .from(auditLog)
      .where(and(...filters)),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize };
}
