import { consultations, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../shared/errors";

/** Today in Asia/Shanghai, "2027-03-01": the day a deadline is compared with. */
export function shanghaiDay(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(now);
}

/** Closed: closed by staff, or its last day (Asia/Shanghai) is over by the app clock. */
export function isClosed(consultation: { closesOn: string; closedAt: Date | null }, now: Date): boolean {
  return consultation.closedAt !== null || shanghaiDay(now) > consultation.closesOn;
}

/** A consultation of this county, or 404. */
export async function loadConsultation(tx: TenantTx, consultationId: string) {
  const [row] = await tx
    .select()
    .from(consultations)
    .where(and(eq(consultations.tenantId, tx.tenantId), eq(consultations.id, consultationId)));
  if (!row) throw new NotFoundError();
  return row;
}
