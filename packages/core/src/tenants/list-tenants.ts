import { assertCan } from "@rdlink/auth";
import { type AppTx, tenants } from "@rdlink/db";
import { asc, desc, ilike, or } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";

/** The platform's counties with their status, newest first; `search` matches name or code. */
export async function listTenants(tx: AppTx, ctx: UseCaseContext, options: { search?: string } = {}) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const search = options.search?.trim();
  return tx
    .select()
    .from(tenants)
    .where(search ? or(ilike(tenants.name, `%${search}%`), ilike(tenants.divisionCode, `${search}%`)) : undefined)
    .orderBy(desc(tenants.createdAt), asc(tenants.divisionCode))
    .limit(200);
}
