import { assertCan, can, stationScope } from "@rdlink/auth";
import { deputies, deputyStations, stations, type TenantTx, townships } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { naturalOrder } from "../shared/natural-order";
import { inTownshipScope } from "../shared/scope";
import { buildDeputySheet } from "./sheet";

/**
 * The deputies the actor may see as .xlsx, in the import's own columns. Phone numbers are masked
 * unless the actor may reveal them and asks to; such an export is audited.
 */
export async function exportDeputies(tx: TenantTx, ctx: UseCaseContext, options: { revealPhones?: boolean } = {}) {
  const reveal =
    options.revealPhones === true && can(ctx.actor, "tenant.deputies.revealPhone", { tenantId: tx.tenantId });
  assertCan(ctx.actor, "tenant.stations.read", { tenantId: tx.tenantId });
  const scope = stationScope(ctx.actor);
  const rows = await tx
    .select({ deputy: deputies, township: townships.name })
    .from(deputies)
    .innerJoin(townships, and(eq(townships.tenantId, deputies.tenantId), eq(townships.id, deputies.townshipId)))
    .where(
      and(eq(deputies.tenantId, tx.tenantId), isNull(deputies.archivedAt), inTownshipScope(deputies.townshipId, scope)),
    )
    .orderBy(asc(townships.sortOrder), asc(naturalOrder(deputies.name)));
  const links = await tx
    .select({ deputyId: deputyStations.deputyId, station: stations.name })
    .from(deputyStations)
    .innerJoin(stations, and(eq(stations.tenantId, deputyStations.tenantId), eq(stations.id, deputyStations.stationId)))
    .where(eq(deputyStations.tenantId, tx.tenantId));
  if (reveal)
    await recordAudit(tx, ctx, {
      action: "deputies.exported_with_phones",
      objectType: "deputy",
      detail: { rows: rows.length },
    });
  return buildDeputySheet(
    rows.map(({ deputy, township }) => ({
      name: deputy.name,
      level: deputy.level,
      term: deputy.term,
      constituency: deputy.constituency,
      township,
      stationNames: links.filter((l) => l.deputyId === deputy.id).map((l) => l.station),
      sector: deputy.sector,
      tags: deputy.tags,
      phone: deputy.phone,
      gender: deputy.gender === "male" ? "男" : deputy.gender === "female" ? "女" : null,
    })),
    { revealPhones: reveal },
  );
}
