import type { TTallyCounts } from "@rdlink/db";

export type TResultCandidate = { id: string; title: string; costYuan: number };
export type TResult = { id: string; votesFor: number; votesAgainst: number; rank: number; chosen: boolean };

/**
 * The count: online ballots and the reconciled paper tally, per candidate. `majority` chooses each
 * project more than half of those present voted for; `budget` ranks them by votes (then the
 * cheaper first) and chooses down the list what still fits in the budget.
 */
export function computeResults(input: {
  candidates: TResultCandidate[];
  ballots: { approved: string[]; rejected: string[] }[];
  paper: TTallyCounts | null;
  present: number;
  rule: "majority" | "budget";
  budgetYuan: number | null;
}): TResult[] {
  const tally = new Map(input.candidates.map((c) => [c.id, { for: 0, against: 0 }]));
  for (const ballot of input.ballots) {
    for (const id of ballot.approved) tally.get(id)!.for++;
    for (const id of ballot.rejected) tally.get(id)!.against++;
  }
  for (const [id, counts] of Object.entries(input.paper ?? {})) {
    const row = tally.get(id);
    if (row) {
      row.for += counts.for;
      row.against += counts.against;
    }
  }
  const ranked = [...input.candidates].sort(
    (a, b) =>
      tally.get(b.id)!.for - tally.get(a.id)!.for || a.costYuan - b.costYuan || a.title.localeCompare(b.title, "zh-CN"),
  );
  let left = input.budgetYuan ?? 0;
  return ranked.map((c, index) => {
    const votes = tally.get(c.id)!;
    let chosen: boolean;
    if (input.rule === "majority") chosen = votes.for * 2 > input.present;
    else {
      chosen = votes.for > 0 && c.costYuan <= left;
      if (chosen) left -= c.costYuan;
    }
    return { id: c.id, votesFor: votes.for, votesAgainst: votes.against, rank: index + 1, chosen };
  });
}
