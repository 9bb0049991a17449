import { type Database, tenants } from "@rdlink/db";
import { eraseExpiredPersonalData } from "./erase-expired-personal-data";

/** The worker's round of erasures: every county (suspended ones too), each in its own transaction. */
export async function eraseExpiredPersonalDataEverywhere(db: Database, now: Date): Promise<number> {
  const counties = await db.withoutTenant((tx) => tx.select({ id: tenants.id }).from(tenants));
  const ctx = { actor: null, ip: null, clock: { now: () => now } };
  let erased = 0;
  for (const { id } of counties) erased += (await db.withTenant(id, (tx) => eraseExpiredPersonalData(tx, ctx))).erased;
  return erased;
}
