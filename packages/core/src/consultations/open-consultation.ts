import { assertCan } from "@rdlink/auth";
import { consultationArticles, consultations, type TenantTx, tenants } from "@rdlink/db";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { runtimeActor } from "../cases/acting-as";
import { titleOf } from "../cases/opinion-input";
import { openCase } from "../cases/start-case";
import { newTrackingCode } from "../cases/tracking-code";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { ZOpenConsultation } from "./consultation-input";
import { assertStationInScope } from "./consultation-scope";
import { shanghaiDay } from "./consultation-state";
import { readDraftFile } from "./read-draft-file";
import { splitDraft } from "./split-draft";

/**
 * A contact point puts a draft out for comments: its title, who asks (省人大常委会法工委), the
 * last day, and its text — pasted, or a .docx read here — split into chapters and articles.
 * It opens a case on the county's workflow of kind "consultation" (its desks, deadlines and
 * figures are the workflow's) and keeps the articles beside it. One transaction; a bad file or
 * a text without 第…条 writes nothing.
 */
export async function openConsultation(
  tx: TenantTx,
  ctx: UseCaseContext,
  input: unknown,
  file?: { name: string; bytes: Uint8Array } | null,
) {
  const parsed = parseInput(ZOpenConsultation, input);
  const station = await assertStationInScope(tx, ctx.actor, parsed.stationId);
  assertCan(ctx.actor, "tenant.consultations.manage", { tenantId: tx.tenantId, townshipId: station.townshipId });
  const now = ctx.clock.now();
  if (parsed.closesOn < shanghaiDay(now)) throw new ValidationError({ closesOn: "consultations.errors.closesInPast" });
  const text = file && file.bytes.byteLength > 0 ? await readDraftFile(file) : (parsed.text ?? "");
  if (text.trim() === "") throw new ValidationError({ text: "consultations.errors.noDraft" });
  const articles = splitDraft(text);

  const [tenant] = await tx
    .select({ divisionCode: tenants.divisionCode })
    .from(tenants)
    .where(eq(tenants.id, tx.tenantId));
  const started = await openCase(tx, {
    kind: "consultation",
    data: { draftTitle: parsed.title, closesOn: parsed.closesOn },
    intake: { townshipId: station.townshipId, stationId: station.id, title: titleOf(parsed.title) },
    actor: runtimeActor(ctx.actor),
    now,
  });
  const [consultation] = await tx
    .insert(consultations)
    .values({
      caseId: started.caseId,
      stationId: station.id,
      publicCode: newTrackingCode(tenant!.divisionCode),
      title: parsed.title,
      issuingBody: parsed.issuingBody,
      closesOn: parsed.closesOn,
      createdBy: ctx.actor.userId,
      createdAt: now,
    })
    .returning();
  await tx
    .insert(consultationArticles)
    .values(articles.map((article, index) => ({ consultationId: consultation!.id, position: index + 1, ...article })));
  await recordAudit(tx, ctx, {
    action: "consultation.opened",
    objectType: "consultation",
    objectId: consultation!.id,
    detail: { title: parsed.title, articles: articles.length },
  });
  return { ...consultation!, articleCount: articles.length };
}
