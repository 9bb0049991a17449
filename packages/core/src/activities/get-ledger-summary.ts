import { can } from "@rdlink/auth";
import { stations, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { listActivities } from "./list-activities";
import { summarizeActivities } from "./summarize-activities";

const ZLedgerOf = z.union([z.object({ stationId: ZId }), z.object({ townshipId: ZId })]);

/** What a station or township page shows of the ledger: this year's figures and the latest entries. */
export async function getLedgerSummary(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const of = parseInput(ZLedgerOf, input);
  const townshipId = "townshipId" in of ? of.townshipId : await townshipOfStation(tx, of.stationId);
  const figures = await summarizeActivities(tx, ctx, of);
  const latest = await listActivities(tx, ctx, { ...of, pageSize: 5 });
  return {
    ...figures,
    latest: latest.rows,
    allTimeEntries: latest.total,
    canRecord: can(ctx.actor, "tenant.activities.record", { tenantId: tx.tenantId, townshipId }),
  };
}

async function townshipOfStation(tx: TenantTx, stationId: string): Promise<string> {
  const [station] = await tx
    .select({ townshipId: stations.townshipId })
    .from(stations)
    .where(and(eq(stations.tenantId, tx.tenantId), eq(stations.id, stationId)));
  if (!station) throw new NotFoundError();
  return station.townshipId;
}
