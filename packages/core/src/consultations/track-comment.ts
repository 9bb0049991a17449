import { type AppTx, consultationArticles, consultationComments, enterTenant, tenants } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { parseTrackingCode } from "../cases/tracking-code";
import { NotFoundError } from "../shared/errors";
import { loadConsultation } from "./consultation-state";

/**
 * What a commenter sees of their comment by its tracking code: the draft, the article, what
 * they wrote, and the legislature's answer once staff marked it (a duplicate shares the fate
 * of the comment it was merged into). Never their name or phone.
 */
export async function trackComment(tx: AppTx, codeInput: unknown) {
  const parsed = typeof codeInput === "string" ? parseTrackingCode(codeInput) : null;
  if (!parsed) throw new NotFoundError();
  const [tenant] = await tx
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.divisionCode, parsed.divisionCode));
  if (!tenant) throw new NotFoundError();
  const tenantTx = await enterTenant(tx, tenant.id);
  const [row] = await tenantTx
    .select({
      consultationId: consultationComments.consultationId,
      content: consultationComments.content,
      createdAt: consultationComments.createdAt,
      fate: consultationComments.fate,
      fateReason: consultationComments.fateReason,
      fateAt: consultationComments.fateAt,
      heading: consultationArticles.heading,
    })
    .from(consultationComments)
    .leftJoin(
      consultationArticles,
      and(
        eq(consultationArticles.tenantId, consultationComments.tenantId),
        eq(consultationArticles.id, consultationComments.articleId),
      ),
    )
    .where(and(eq(consultationComments.tenantId, tenant.id), eq(consultationComments.trackingCode, parsed.code)));
  if (!row) throw new NotFoundError();
  const consultation = await loadConsultation(tenantTx, row.consultationId);
  return {
    trackingCode: parsed.code,
    title: consultation.title,
    issuingBody: consultation.issuingBody,
    publicCode: consultation.publicCode,
    heading: row.heading,
    content: row.content,
    createdAt: row.createdAt,
    fate: row.fate,
    fateReason: row.fateReason,
    fateAt: row.fateAt,
  };
}
