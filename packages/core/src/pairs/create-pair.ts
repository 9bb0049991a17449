import { assertCan, can } from "@rdlink/auth";
import { deputies, deputyPairs, type TenantTx } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { ZId } from "../shared/fields";
import { parsePair } from "./pair-input";

/**
 * 挂钩: the township operator (or the county admin) pairs a deputy of its township with a
 * household. A deputy of another township, of another county, archived or made up reads as
 * one the roll does not have; nothing is written.
 */
export async function createPair(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.pairs.manage", { tenantId: tx.tenantId });
  const data = parsePair(input);
  const unknownDeputy = new ValidationError({ deputyId: "pairs.errors.unknownDeputy" });
  if (!ZId.safeParse(data.deputyId).success) throw unknownDeputy;
  const [deputy] = await tx
    .select({ id: deputies.id, name: deputies.name, townshipId: deputies.townshipId })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.id, data.deputyId), isNull(deputies.archivedAt)));
  if (!deputy || !can(ctx.actor, "tenant.pairs.manage", { tenantId: tx.tenantId, townshipId: deputy.townshipId }))
    throw unknownDeputy;
  const [pair] = await tx
    .insert(deputyPairs)
    .values({ ...data, deputyId: deputy.id, townshipId: deputy.townshipId, createdBy: ctx.actor.userId })
    .returning({ id: deputyPairs.id });
  await recordAudit(tx, ctx, {
    action: "pair.created",
    objectType: "deputyPair",
    objectId: pair!.id,
    detail: { deputy: deputy.name, kind: data.kind, household: data.householdName },
  });
  return pair!;
}
