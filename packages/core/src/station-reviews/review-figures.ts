import type { StationReviewItem } from "@rdlink/db";

/** An item is met at a station when the average of its two scores reaches 60% of full marks. */
export const MET_SHARE = 0.6;

type ItemRow = { stationId: string; item: string; scoreA: number | null; scoreB: number | null };
type StationRow = { stationId: string; townshipId: string; outcome: string | null; modelLevel: string | null };

/** A station's item score: the two reviewers' average; null until both have scored (decision 0029). */
export const itemScore = (row: { scoreA: number | null; scoreB: number | null }) =>
  row.scoreA === null || row.scoreB === null ? null : (row.scoreA + row.scoreB) / 2;

/**
 * The review's figures, counted from its rows: each station's total, stations per 示范站 level and
 * under 整改, and per item the share of stations meeting it, overall and by township.
 */
export function reviewFigures(items: StationReviewItem[], stationRows: StationRow[], itemRows: ItemRow[]) {
  const totals = new Map<string, number>();
  const met = new Map<string, Set<string>>(); // item → stations meeting it
  const maxOf = new Map(items.map((i) => [i.name, i.maxScore]));
  for (const row of itemRows) {
    const score = itemScore(row);
    if (score === null) continue;
    totals.set(row.stationId, (totals.get(row.stationId) ?? 0) + score);
    const max = maxOf.get(row.item) ?? 0;
    if (score >= max * MET_SHARE) {
      if (!met.has(row.item)) met.set(row.item, new Set());
      met.get(row.item)!.add(row.stationId);
    }
  }
  const perLevel = { county: 0, city: 0, province: 0, rectify: 0 };
  for (const s of stationRows) {
    if (s.outcome === "model" && s.modelLevel) perLevel[s.modelLevel as "county"]++;
    if (s.outcome === "rectify") perLevel.rectify++;
  }
  const compliance = items.map((item) => ({
    item: item.name,
    kind: item.kind,
    met: met.get(item.name)?.size ?? 0,
    stations: stationRows.length,
  }));
  const stationsOf = new Map<string, StationRow[]>();
  for (const s of stationRows) {
    const same = stationsOf.get(s.townshipId);
    if (same) same.push(s);
    else stationsOf.set(s.townshipId, [s]);
  }
  const byTownship = [...stationsOf].map(([townshipId, ids]) => {
    const metPairs = items.reduce(
      (sum, item) => sum + ids.filter((s) => met.get(item.name)?.has(s.stationId)).length,
      0,
    );
    return {
      townshipId,
      stations: ids.length,
      models: ids.filter((s) => s.outcome === "model").length,
      rectify: ids.filter((s) => s.outcome === "rectify").length,
      /** Share of (station, item) pairs met. */
      compliance: ids.length * items.length === 0 ? 0 : metPairs / (ids.length * items.length),
    };
  });
  return { totals, perLevel, compliance, byTownship };
}
