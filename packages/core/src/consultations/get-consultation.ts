import type { Actor } from "@rdlink/auth";
import { consultationArticles, consultationComments, stations, type TenantTx } from "@rdlink/db";
import type { TCommentChannel, TCommentFate } from "@rdlink/vocabulary/consultation-comments";
import { and, asc, eq } from "drizzle-orm";
import { loadConsultationInScope } from "./consultation-scope";
import { isClosed } from "./consultation-state";

export type GroupedComment = {
  id: string;
  content: string;
  channel: TCommentChannel;
  /** People behind it: its own (1 online, the offline count) and its merged duplicates'. */
  people: number;
  submitterName: string | null;
  trackingCode: string | null;
  fate: TCommentFate | null;
  fateReason: string | null;
  duplicates: { id: string; content: string; people: number }[];
};

/**
 * A consultation as its contact point works on it: the draft article by article, each with its
 * comments (duplicates folded under the comment they were merged into) and the point's opinion;
 * comments on the whole draft come first, as article null. Phones are never returned.
 */
export async function getConsultation(tx: TenantTx, actor: Actor, consultationId: string, now: Date) {
  const consultation = await loadConsultationInScope(tx, actor, consultationId);
  const [station] = await tx
    .select({ name: stations.name })
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, consultation.stationId)));
  const articles = await tx
    .select()
    .from(consultationArticles)
    .where(and(eq(consultationArticles.tenantId, tx.tenantId), eq(consultationArticles.consultationId, consultationId)))
    .orderBy(asc(consultationArticles.position));
  const comments = await tx
    .select()
    .from(consultationComments)
    .where(and(eq(consultationComments.tenantId, tx.tenantId), eq(consultationComments.consultationId, consultationId)))
    .orderBy(asc(consultationComments.createdAt), asc(consultationComments.id));

  const kept = new Map<string, GroupedComment & { articleId: string | null }>();
  for (const c of comments.filter((c) => c.mergedIntoId === null)) {
    kept.set(c.id, {
      id: c.id,
      articleId: c.articleId,
      content: c.content,
      channel: c.channel,
      people: c.peopleCount,
      submitterName: c.submitterName,
      trackingCode: c.trackingCode,
      fate: c.fate,
      fateReason: c.fateReason,
      duplicates: [],
    });
  }
  for (const c of comments.filter((c) => c.mergedIntoId !== null)) {
    const into = kept.get(c.mergedIntoId!);
    if (!into) continue;
    into.people += c.peopleCount;
    into.duplicates.push({ id: c.id, content: c.content, people: c.peopleCount });
  }
  const on = (articleId: string | null) => [...kept.values()].filter((c) => c.articleId === articleId);
  return {
    consultation: { ...consultation, stationName: station?.name ?? "", closed: isClosed(consultation, now) },
    totals: {
      comments: comments.length,
      people: comments.reduce((sum, c) => sum + c.peopleCount, 0),
      marked: comments.filter((c) => c.fate !== null).length,
    },
    wholeDraft: on(null),
    articles: articles.map((article) => ({ ...article, comments: on(article.id) })),
  };
}

export type TConsultationView = Awaited<ReturnType<typeof getConsultation>>;
