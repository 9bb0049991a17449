import type { Actor } from "@rdlink/auth";
import { type Database, stations, stationTypes, type TenantTx, townships } from "@rdlink/db";
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

/** A station of the county's first township, for tests that register opinions at one. */
export async function addTestStation(tx: TenantTx, code: string): Promise<{ townshipId: string; stationId: string }> {
  const [township] = await tx.select({ id: townships.id }).from(townships).limit(1);
  const [type] = await tx.select({ id: stationTypes.id }).from(stationTypes).limit(1);
  const [station] = await tx
    .insert(stations)
    .values({ stationTypeId: type!.id, townshipId: township!.id, name: "联络站", code })
    .returning({ id: stations.id });
  return { townshipId: township!.id, stationId: station!.id };
}
