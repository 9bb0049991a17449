import { assertCan } from "@rdlink/auth";
import { type TenantTx, tenants } from "@rdlink/db";
import { eq } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { countyHealthOf } from "./list-county-health";

/** One county's health, as its row on the platform's list has it, for the county's platform page. */
export async function getCountyHealth(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const [county] = await tx.select().from(tenants).where(eq(tenants.id, tx.tenantId));
  if (!county) throw new NotFoundError();
  const [health] = await countyHealthOf(tx, [county], ctx.clock.now());
  return health!;
}
