import type { Database } from "@rdlink/db";
import { onboardCounty } from "../tenants/onboard-county";
import { createOperator } from "./actors";

/**
 * A county onboarded for a test by a platform operator of its own (so that several can be
 * made in one database), with its template, townships and first admin: its tenant id.
 */
export async function onboardTestCounty(db: Database, divisionCode = "450107"): Promise<string> {
  const operator = { actor: await createOperator(db, `op-${divisionCode}`), ip: null };
  const { tenantId } = await onboardCounty(db, operator, {
    divisionCode,
    adminUsername: `admin-${divisionCode}`,
    adminDisplayName: "管理员",
  });
  return tenantId;
}
