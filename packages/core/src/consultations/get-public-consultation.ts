import { type AppTx, consultationArticles } from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import { isClosed } from "./consultation-state";
import { findPublicConsultation } from "./find-public-consultation";

/** What the public page shows: the draft article by article, whether it still takes comments. */
export async function getPublicConsultation(tx: AppTx, code: unknown, now: Date) {
  const { tenantTx, consultation, countyName, stationName } = await findPublicConsultation(tx, code);
  const articles = await tenantTx
    .select({
      id: consultationArticles.id,
      chapter: consultationArticles.chapter,
      heading: consultationArticles.heading,
      body: consultationArticles.body,
    })
    .from(consultationArticles)
    .where(
      and(
        eq(consultationArticles.tenantId, tenantTx.tenantId),
        eq(consultationArticles.consultationId, consultation.id),
      ),
    )
    .orderBy(asc(consultationArticles.position));
  return {
    countyName,
    stationName,
    publicCode: consultation.publicCode,
    title: consultation.title,
    issuingBody: consultation.issuingBody,
    closesOn: consultation.closesOn,
    closed: isClosed(consultation, now),
    articles,
  };
}
