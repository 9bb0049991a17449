import type { Actor } from "@rdlink/auth";
import type { Database } from "@rdlink/db";
import { type Clock, systemClock } from "../clock";
import { onboardCounty } from "../tenants/onboard-county";
import { countyAdminOf, createOperator } from "./actors";

export type TestCounty = {
  tenantId: string;
  /** A county admin backed by a real users row (the operator's), for use cases that record who acted. */
  admin: Actor;
};

/**
 * A county onboarded for a test by a platform operator of its own (so that several can be
 * made in one database), with its template, townships and first admin.
 */
export async function onboardTestCounty(
  db: Database,
  divisionCode = "450107",
  clock: Clock = systemClock,
): Promise<TestCounty> {
  const operator = { actor: await createOperator(db, `op-${divisionCode}`), ip: null, clock };
  const { tenantId } = await onboardCounty(db, operator, {
    divisionCode,
    adminUsername: `admin-${divisionCode}`,
    adminDisplayName: "管理员",
  });
  return { tenantId, admin: countyAdminOf(tenantId, operator.actor.userId) };
}
