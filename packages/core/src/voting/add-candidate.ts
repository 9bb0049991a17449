import { type TenantTx, votingCandidates } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { streetOf } from "./street-of";
import { ZCandidateInput } from "./voting-input";

/** A candidate project entered by the street office: its own, a deputy's, or one a citizen brought in. */
export async function addCandidate(tx: TenantTx, ctx: UseCaseContext, townshipId: string, input: unknown) {
  const street = await streetOf(tx, ctx, townshipId);
  const fields = parseInput(ZCandidateInput, input);
  const [candidate] = await tx
    .insert(votingCandidates)
    .values({
      townshipId: street.id,
      year: fields.year,
      title: fields.title,
      description: fields.description,
      costYuan: Math.round(fields.costWan * 10_000),
      proposerKind: fields.proposerKind,
      proposerName: fields.proposerName,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: votingCandidates.id });
  await recordAudit(tx, ctx, {
    action: "voting.candidate_added",
    objectType: "votingCandidate",
    objectId: candidate!.id,
    detail: { townshipId: street.id, title: fields.title },
  });
  return candidate!;
}
