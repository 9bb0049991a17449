import { stationReviewStations, type TenantTx } from "@rdlink/db";
import { and, desc, eq } from "drizzle-orm";

/** The 示范站 titles a station was given (newest first), for its page and poster: "2026年度 县级示范站". */
export async function stationTitles(tx: TenantTx, stationId: string) {
  return tx
    .select({ level: stationReviewStations.modelLevel, year: stationReviewStations.modelYear })
    .from(stationReviewStations)
    .where(
      and(
        eq(stationReviewStations.tenantId, tx.tenantId),
        eq(stationReviewStations.stationId, stationId),
        eq(stationReviewStations.outcome, "model"),
      ),
    )
    .orderBy(desc(stationReviewStations.modelYear)) as Promise<
    { level: "county" | "city" | "province"; year: number }[]
  >;
}
