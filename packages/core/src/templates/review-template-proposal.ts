import { assertCan } from "@rdlink/auth";
import { type AppTx, templateProposals } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordPlatformAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { lockSetDraft, withWorkflow, writeSetDraft } from "./set-draft";
import { ZTemplateSetContent } from "./template-content";

export const ZReviewTemplateProposal = z.discriminatedUnion(
  "decision",
  [
    z.object({
      decision: z.literal("adopt"),
      proposalId: ZId,
      /** The set whose draft takes it (published with the set, when the operator chooses). */
      setId: ZId,
      reviewNote: z.string().trim().max(500, "validation.tooLong").default(""),
    }),
    z.object({
      decision: z.literal("decline"),
      proposalId: ZId,
      reviewNote: z.string().trim().min(1, "validation.required").max(500, "validation.tooLong"),
    }),
  ],
  { error: "validation.invalid" },
);

/**
 * The operator's answer to a county's proposal. Adopted, the workflow goes into the set's
 * draft, replacing the set's workflow of the same key or joining the set; counties get it when
 * the set is next published and they take it. Declined, the county reads why. Answered once.
 */
export async function reviewTemplateProposal(tx: AppTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "platform.templates.manage");
  const review = parseInput(ZReviewTemplateProposal, input);
  const [proposal] = await tx
    .select()
    .from(templateProposals)
    .where(eq(templateProposals.id, review.proposalId))
    .for("update");
  if (!proposal) throw new NotFoundError();
  if (proposal.status !== "pending") throw new ConflictError("templates.errors.alreadyReviewed");

  if (review.decision === "adopt") {
    // The set is chosen on the form: one that is not there is that field's error, not a 404.
    const { draft } = await lockSetDraft(tx, review.setId).catch((error) => {
      throw error instanceof NotFoundError ? new ValidationError({ setId: "validation.invalid" }) : error;
    });
    const { content } = withWorkflow(draft, {
      key: proposal.workflowKey,
      definition: proposal.definition as Record<string, unknown>,
      layout: proposal.layout as Record<string, { x: number; y: number }>,
    });
    const full = ZTemplateSetContent.safeParse(content);
    if (!full.success) throw new ValidationError({ setId: "validation.templateSetFull" });
    await writeSetDraft(tx, ctx, review.setId, full.data);
  }
  await tx
    .update(templateProposals)
    .set({
      status: review.decision === "adopt" ? "adopted" : "declined",
      reviewedBy: ctx.actor.userId,
      reviewedAt: ctx.clock.now(),
      reviewNote: review.reviewNote,
      adoptedIntoSetId: review.decision === "adopt" ? review.setId : null,
    })
    .where(and(eq(templateProposals.id, proposal.id), eq(templateProposals.status, "pending")));
  await recordPlatformAudit(tx, ctx, {
    action: review.decision === "adopt" ? "templateSet.proposal_adopted" : "templateSet.proposal_declined",
    objectType: "templateProposal",
    objectId: proposal.id,
    tenantId: proposal.fromTenantId,
    detail: {
      workflow: proposal.workflowKey,
      version: proposal.fromVersion,
      ...(review.decision === "adopt" ? { setId: review.setId } : {}),
    },
  });
  return { decision: review.decision };
}
