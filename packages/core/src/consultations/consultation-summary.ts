import type { Actor } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { buildListSheet, type TSheetColumn } from "../shared/list-sheet";
import { getConsultation } from "./get-consultation";

/** 采纳情况 as the 意见汇总表 writes it. */
export const FATE_TITLES: Record<string, string> = { adopted: "采纳", partlyAdopted: "部分采纳", notAdopted: "未采纳" };

/** One line of the 意见汇总表: an article (or 总体意见), a comment on it, how many voiced it. */
export type TSummaryRow = {
  heading: string;
  original: string;
  comment: string;
  people: number;
  opinion: string;
  fate: string;
};

/**
 * The 意见汇总表 the contact point sends upward: article by article (comments on the whole
 * draft first, as 总体意见), each distinct comment once with the people behind it (its merged
 * duplicates included), the original text and the point's opinion; articles without comments
 * are left out. The same rows feed the printable page and the .xlsx.
 */
export async function consultationSummary(tx: TenantTx, actor: Actor, consultationId: string, now: Date) {
  const view = await getConsultation(tx, actor, consultationId, now);
  const rows: TSummaryRow[] = [];
  for (const c of view.wholeDraft) {
    rows.push({
      heading: "总体意见",
      original: "",
      comment: c.content,
      people: c.people,
      opinion: "",
      fate: fateOf(c),
    });
  }
  for (const article of view.articles) {
    for (const c of article.comments) {
      rows.push({
        heading: article.heading,
        original: article.body,
        comment: c.content,
        people: c.people,
        opinion: article.opinion ?? "",
        fate: fateOf(c),
      });
    }
  }
  return { consultation: view.consultation, totals: view.totals, rows };
}

const fateOf = (c: { fate: string | null }) => (c.fate ? (FATE_TITLES[c.fate] ?? "") : "");

const SUMMARY_COLUMNS: TSheetColumn<TSummaryRow>[] = [
  { header: "条款", width: 12, value: (r) => r.heading },
  { header: "草案原文", width: 50, value: (r) => r.original },
  { header: "意见建议", width: 50, value: (r) => r.comment },
  { header: "人次", width: 8, value: (r) => r.people },
  { header: "联系点意见", width: 40, value: (r) => r.opinion },
  { header: "采纳情况", width: 12, value: (r) => r.fate },
];

/** The 意见汇总表 as an .xlsx: one sheet, a row per distinct comment. */
export async function exportConsultationSummary(tx: TenantTx, actor: Actor, consultationId: string, now: Date) {
  const summary = await consultationSummary(tx, actor, consultationId, now);
  return {
    title: summary.consultation.title,
    bytes: await buildListSheet("意见汇总表", SUMMARY_COLUMNS, summary.rows),
  };
}
