import { ValidationError } from "../shared/errors";

export type DraftArticle = {
  /** 第一章 总则, when the draft has chapters (and 第一节 …, when the chapter has sections). */
  chapter: string | null;
  /** 第一条 */
  heading: string;
  body: string;
};

/** A draft's text is at most this long (a long code has some 200,000 characters). */
export const MAX_DRAFT_CHARS = 300_000;
export const MAX_ARTICLES = 1_000;

const NUMERAL = "[一二三四五六七八九十百千零〇两0-9０-９]+";
/** A heading starts its line: 第十二条 and the article's first words, after a space or not. */
const ARTICLE = new RegExp(`^(第${NUMERAL}条)(?:之${NUMERAL})?[\\s\\u3000]*(.*)$`);
const CHAPTER = new RegExp(`^第${NUMERAL}章(?:[\\s\\u3000]+.*|$)`);
const SECTION = new RegExp(`^第${NUMERAL}节(?:[\\s\\u3000]+.*|$)`);

/**
 * A draft law split on its headings: 第…章 (and 第…节) set the chapter of the articles that
 * follow, each 第…条 at the start of a line begins an article, whose body runs to the next
 * heading. What comes before the first article (the title, a preamble, 目录) is left out.
 * A text without a single 第…条 is refused: it is not a draft people could comment on article by article.
 */
export function splitDraft(text: string): DraftArticle[] {
  if (text.length > MAX_DRAFT_CHARS) throw new ValidationError({ text: "consultations.errors.draftTooLong" });
  let chapter: string | null = null;
  let section: string | null = null;
  const articles: DraftArticle[] = [];
  let current: { chapter: string | null; heading: string; lines: string[] } | null = null;
  const finish = () => {
    if (current) articles.push({ chapter: current.chapter, heading: current.heading, body: current.lines.join("\n") });
    current = null;
  };
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
    if (line === "") continue;
    if (CHAPTER.test(line)) {
      finish();
      chapter = squeeze(line);
      section = null;
      continue;
    }
    if (SECTION.test(line)) {
      finish();
      section = squeeze(line);
      continue;
    }
    const article = ARTICLE.exec(line);
    if (article) {
      finish();
      const heading = line.slice(0, line.length - article[2]!.length).trim();
      current = { chapter: section ? `${chapter ?? ""} ${section}`.trim() : chapter, heading, lines: [] };
      if (article[2]) current.lines.push(article[2]);
      continue;
    }
    current?.lines.push(line);
  }
  finish();
  if (articles.length === 0) throw new ValidationError({ text: "consultations.errors.noArticles" });
  if (articles.length > MAX_ARTICLES) throw new ValidationError({ text: "consultations.errors.tooManyArticles" });
  return articles;
}

/** 第一章　总则 → 第一章 总则 */
const squeeze = (line: string) => line.replace(/[\s\u3000]+/g, " ");
