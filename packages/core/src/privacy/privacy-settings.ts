import { privacySettings, type TenantTx } from "@rdlink/db";
import { eq } from "drizzle-orm";
import { DEFAULT_RETENTION_MONTHS } from "./privacy-input";

/** The county's retention in months: its own setting, else the product's default. */
export async function retentionMonthsOf(tx: TenantTx): Promise<{ months: number; own: boolean }> {
  const [row] = await tx
    .select({ months: privacySettings.retentionMonths })
    .from(privacySettings)
    .where(eq(privacySettings.tenantId, tx.tenantId));
  return row ? { months: row.months, own: true } : { months: DEFAULT_RETENTION_MONTHS, own: false };
}

/** The instant before which a closed case's personal data has expired: `months` before `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}
