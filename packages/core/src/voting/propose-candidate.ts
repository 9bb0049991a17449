import { type AppTx, votingCandidates } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { Clock } from "../clock";
import { parseInput } from "../shared/errors";
import { findStreet } from "./get-street-page";
import { ZPublicCandidateInput } from "./voting-input";

/** 群众推荐项目: a citizen proposes a project on the street's public page; the street screens it. */
export async function proposeCandidate(tx: AppTx, county: unknown, townshipId: unknown, input: unknown, clock: Clock) {
  const { tenantTx, street } = await findStreet(tx, county, townshipId);
  const fields = parseInput(ZPublicCandidateInput, input);
  const now = clock.now();
  const year = Number(now.toLocaleString("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }));
  const [candidate] = await tenantTx
    .insert(votingCandidates)
    .values({
      townshipId: street.id,
      year,
      title: fields.title,
      description: fields.description,
      costYuan: Math.round(fields.costWan * 10_000),
      proposerKind: "citizen",
      proposerName: fields.proposerName,
      createdAt: now,
    })
    .returning({ id: votingCandidates.id });
  await recordAudit(
    tenantTx,
    { actor: null, ip: null, clock },
    {
      action: "voting.candidate_added",
      objectType: "votingCandidate",
      objectId: candidate!.id,
      detail: { townshipId: street.id, title: fields.title, byCitizen: true },
    },
  );
  return candidate!;
}
