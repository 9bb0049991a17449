import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { resources } from "@rdlink/i18n";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { buildListSheet, MAX_EXPORT_ROWS, shanghaiTime, type TSheetColumn } from "../shared/list-sheet";
import { DrizzleCaseStore } from "./drizzle-case-store";
import { caseListConditions, caseListOrder, labelCaseRows, selectCaseRows, ZCaseListQuery } from "./list-cases";

type TExportedCase = Awaited<ReturnType<typeof labelCaseRows>>[number];

const zhCN = resources["zh-CN"].translation;
const labels = zhCN.cases;
const COLUMNS: TSheetColumn<TExportedCase>[] = [
  { header: "查询码", width: 18, value: (c) => c.trackingCode },
  { header: "标题", width: 40, value: (c) => c.title },
  { header: "类别", width: 12, value: (c) => (c.category ? (labels.categories[c.category as never] ?? null) : null) },
  { header: "来源渠道", width: 12, value: (c) => (c.channel ? labels.channels[c.channel] : null) },
  { header: "环节", width: 16, value: (c) => c.stateLabel["zh-CN"] ?? c.state },
  { header: "状态", width: 10, value: (c) => (c.status === "done" ? "已办结" : "办理中") },
  { header: "期限", width: 10, value: (c) => zhCN.work.deadlines[c.deadline] },
  { header: "办理期限", width: 18, value: (c) => shanghaiTime(c.dueAt) },
  { header: "站点", width: 24, value: (c) => c.stationName },
  { header: "乡镇（街道）", width: 16, value: (c) => c.townshipName },
  { header: "承办单位", width: 24, value: (c) => c.handlingUnitName },
  { header: "收到时间", width: 18, value: (c) => shanghaiTime(c.createdAt) },
  { header: "办结时间", width: 18, value: (c) => shanghaiTime(c.closedAt) },
];

/**
 * The workbench's list as .xlsx: the same query as `listCases` (the actor's scope, the view,
 * the filters and the sort), every page of it, with Chinese headers and values.
 */
export async function exportCases(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.cases.read", { tenantId: tx.tenantId });
  const query = parseInput(ZCaseListQuery, input);
  const rows = await selectCaseRows(tx)
    .where(caseListConditions(tx, ctx, query, now))
    .orderBy(...caseListOrder(query.sort))
    .limit(MAX_EXPORT_ROWS + 1);
  if (rows.length > MAX_EXPORT_ROWS) throw new ValidationError({}, "errors.exportTooLarge");
  const labelled = await labelCaseRows(new DrizzleCaseStore(tx), rows, now);
  return buildListSheet("案件", COLUMNS, labelled);
}
