/** A share as the county writes it: 87.5 %, 80 %; "—" when there was nothing to divide (never NaN). */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "—";
  return `${Number((rate * 100).toFixed(1))} %`;
}
