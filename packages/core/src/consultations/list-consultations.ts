import type { Actor } from "@rdlink/auth";
import { consultationComments, consultations, stations, type TenantTx } from "@rdlink/db";
import { and, desc, eq, sql } from "drizzle-orm";
import { consultationScope } from "./consultation-scope";
import { isClosed } from "./consultation-state";

/** The consultations a user keeps, newest first, with how many comments and people each has. */
export async function listConsultations(tx: TenantTx, actor: Actor, now: Date) {
  const rows = await tx
    .select({
      id: consultations.id,
      title: consultations.title,
      issuingBody: consultations.issuingBody,
      closesOn: consultations.closesOn,
      closedAt: consultations.closedAt,
      stationName: stations.name,
      comments:
        sql<number>`(select count(*) from ${consultationComments} c where c.tenant_id = ${consultations.tenantId} and c.consultation_id = ${consultations.id})`.mapWith(
          Number,
        ),
      people:
        sql<number>`(select coalesce(sum(c.people_count), 0) from ${consultationComments} c where c.tenant_id = ${consultations.tenantId} and c.consultation_id = ${consultations.id})`.mapWith(
          Number,
        ),
    })
    .from(consultations)
    .innerJoin(stations, and(eq(stations.tenantId, consultations.tenantId), eq(stations.id, consultations.stationId)))
    .where(and(eq(consultations.tenantId, tx.tenantId), consultationScope(tx, actor)))
    .orderBy(desc(consultations.createdAt))
    .limit(200);
  return rows.map((row) => ({ ...row, closed: isClosed(row, now) }));
}
