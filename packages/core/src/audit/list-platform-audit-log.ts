import { assertCan } from "@rdlink/auth";
import { type AppTx, platformAuditLog, tenants } from "@rdlink/db";
import { count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZPaging } from "../shared/paging";

const ZListPlatformAuditLog = z.object({
  /** "1": only the incidents (an audit chain found broken). */
  incidents: z
    .string()
    .optional()
    .transform((v) => v === "1"),
  ...ZPaging,
});

/** The platform's audit trail, newest first, with the county each row concerns; or only the incidents. */
export async function listPlatformAuditLog(tx: AppTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const { incidents, page, pageSize } = parseInput(ZListPlatformAuditLog, input);
  const where = incidents ? eq(platformAuditLog.action, "audit.chain_broken") : undefined;
  const [rows, [total]] = await Promise.all([
    tx
      .select({
        id: platformAuditLog.id,
        seq: platformAuditLog.seq,
        at: platformAuditLog.at,
        actorName: platformAuditLog.actorName,
        action: platformAuditLog.action,
        tenantName: tenants.name,
        ip: platformAuditLog.ip,
        detail: platformAuditLog.detail,
      })
      .from(platformAuditLog)
      .leftJoin(tenants, eq(tenants.id, platformAuditLog.tenantId))
      .where(where)
      .orderBy(desc(platformAuditLog.seq))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ value: count() }).from(platformAuditLog).where(where),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize, incidents };
}
