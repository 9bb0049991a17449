import { type AppTx, cases, enterTenant, type TenantTx, tenants } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { NotFoundError } from "../shared/errors";
import { parseTrackingCode } from "./tracking-code";

/** The case behind a tracking code, entering its county on the same transaction; 404 for anything else. */
export async function findTrackedCase(
  tx: AppTx,
  codeInput: unknown,
): Promise<{ tenantTx: TenantTx; row: typeof cases.$inferSelect }> {
  const parsed = typeof codeInput === "string" ? parseTrackingCode(codeInput) : null;
  if (!parsed) throw new NotFoundError();
  const [tenant] = await tx
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.divisionCode, parsed.divisionCode));
  if (!tenant) throw new NotFoundError();
  const tenantTx = await enterTenant(tx, tenant.id);
  const [row] = await tenantTx
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, tenant.id), eq(cases.trackingCode, parsed.code)));
  if (!row) throw new NotFoundError();
  return { tenantTx, row };
}
