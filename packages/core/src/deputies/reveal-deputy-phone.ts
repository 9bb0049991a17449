import { assertCan } from "@rdlink/auth";
import { deputies, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";

/** The full phone number of one deputy, for someone allowed to see it; every reveal is audited. */
export async function revealDeputyPhone(tx: TenantTx, ctx: UseCaseContext, deputyIdInput: unknown) {
  assertCan(ctx.actor, "tenant.deputies.revealPhone", { tenantId: tx.tenantId });
  const deputyId = parseInput(ZId, deputyIdInput);
  const [deputy] = await tx
    .select({ name: deputies.name, phone: deputies.phone })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.id, deputyId)));
  if (!deputy) throw new NotFoundError();
  await recordAudit(tx, ctx, {
    action: "deputies.phone_revealed",
    objectType: "deputy",
    objectId: deputyId,
    detail: { name: deputy.name },
  });
  return deputy.phone;
}
