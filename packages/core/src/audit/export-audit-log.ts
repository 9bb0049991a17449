import { assertCan } from "@rdlink/auth";
import { auditLog, type TenantTx } from "@rdlink/db";
import { resources } from "@rdlink/i18n";
import { and, desc, eq, like } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { buildListSheet, MAX_EXPORT_ROWS, shanghaiTime, type TSheetColumn } from "../shared/list-sheet";
import { ZListAuditLog } from "./list-audit-log";

const labels = resources["zh-CN"].translation.audit as Record<string, Record<string, string>>;

/** An action's Chinese label ("auth.signed_in" → 登录), the action itself if it has none. */
export function auditActionLabel(action: string): string {
  const [group = "", name = ""] = action.split(".", 2);
  return labels[group]?.[name] ?? action;
}

type TAuditRow = typeof auditLog.$inferSelect;

/** The columns, with the detail as the page writes it: a sentence in the user's language, never JSON. */
const columns = (detailText: (detail: unknown) => string): TSheetColumn<TAuditRow>[] => [
  { header: "序号", width: 8, value: (r) => r.seq },
  { header: "时间", width: 18, value: (r) => shanghaiTime(r.at) },
  { header: "操作人", width: 14, value: (r) => r.actorName },
  { header: "操作", width: 24, value: (r) => auditActionLabel(r.action) },
  { header: "IP 地址", width: 16, value: (r) => r.ip },
  { header: "详情", width: 60, value: (r) => detailText(r.detail) || null },
];

/**
 * The audit log as .xlsx, newest first, with the page's filter (a group of actions), every page of it.
 * `detailText` words an entry's detail as the page does (the web app's labels of every field).
 */
export async function exportAuditLog(
  tx: TenantTx,
  ctx: UseCaseContext,
  input: unknown,
  detailText: (detail: unknown) => string,
) {
  assertCan(ctx.actor, "tenant.audit.read", { tenantId: tx.tenantId });
  const { action } = parseInput(ZListAuditLog, input);
  const rows = await tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tx.tenantId), action ? like(auditLog.action, `${action}%`) : undefined))
    .orderBy(desc(auditLog.seq))
    .limit(MAX_EXPORT_ROWS + 1);
  if (rows.length > MAX_EXPORT_ROWS) throw new ValidationError({}, "errors.exportTooLarge");
  return buildListSheet("审计日志", columns(detailText), rows);
}
