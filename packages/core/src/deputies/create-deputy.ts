import { assertCan } from "@rdlink/auth";
import { deputies, type TenantTx } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { assertDeputyReferences, ZDeputyInput, ZDeputyPhone } from "./deputy-input";

export const ZCreateDeputy = ZDeputyInput.extend({ phone: ZDeputyPhone });

/** Adds one deputy to the directory, in a township of the actor's scope. */
export async function createDeputy(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  const data = parseInput(ZCreateDeputy, input);
  assertCan(ctx.actor, "tenant.deputies.manage", { tenantId: tx.tenantId, townshipId: data.townshipId });
  await assertDeputyReferences(tx, data);
  const [deputy] = await tx
    .insert(deputies)
    .values({ ...data, phone: data.phone ?? null })
    .returning({ id: deputies.id });
  await recordAudit(tx, ctx, {
    action: "deputies.created",
    objectType: "deputy",
    objectId: deputy!.id,
    detail: { name: data.name },
  });
  return deputy!;
}
