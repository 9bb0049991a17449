import { Document, Packer, Paragraph } from "docx";

const DIGITS = "零一二三四五六七八九";

/** 1 → 一, 12 → 十二, 30 → 三十, 105 → 一百零五: how drafts number their chapters and articles. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ""}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ""}`;
  const rest = n % 100;
  return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? "" : rest < 10 ? `零${DIGITS[rest]}` : chineseNumber(rest).replace(/^十/, "一十")}`;
}

/** A draft regulation's paragraphs: a title, then `chapters` chapters sharing `articles` articles. */
export function draftParagraphs(title: string, articles: number, chapters = 3): string[] {
  const lines = [title, "（草案征求意见稿）"];
  const perChapter = Math.ceil(articles / chapters);
  for (let i = 1; i <= articles; i++) {
    if ((i - 1) % perChapter === 0)
      lines.push(`第${chineseNumber((i - 1) / perChapter + 1)}章　第${(i - 1) / perChapter + 1}部分`);
    lines.push(`第${chineseNumber(i)}条　本条规定第${i}项事务的办理要求。`);
    if (i % 5 === 0) lines.push(`有关部门应当在第${i}项事务办结后十日内公开结果。`);
  }
  return lines;
}

/** A real Word .docx of those paragraphs, made with the `docx` library. */
export async function draftDocx(title: string, articles: number, chapters = 3): Promise<Uint8Array> {
  const document = new Document({
    sections: [{ children: draftParagraphs(title, articles, chapters).map((text) => new Paragraph({ text })) }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
