import { assertCan, can } from "@rdlink/auth";
import { deputies, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZCheckbox, ZId } from "../shared/fields";
import { assertDeputyReferences, ZDeputyInput, ZDeputyPhone } from "./deputy-input";

export const ZUpdateDeputy = ZDeputyInput.extend({
  deputyId: ZId,
  /** A new number; blank keeps the one on record (which the form never shows in full). */
  phone: ZDeputyPhone,
  clearPhone: ZCheckbox,
  archived: ZCheckbox,
});

/**
 * Edits a deputy of the actor's townships (moving them needs both townships in scope),
 * or archives them: an archived deputy leaves lists and pickers, their history stays.
 */
export async function updateDeputy(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  const { deputyId, phone, clearPhone, archived, ...data } = parseInput(ZUpdateDeputy, input);
  const [current] = await tx
    .select()
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.id, deputyId)));
  const from = { tenantId: tx.tenantId, townshipId: current?.townshipId };
  if (!current || !can(ctx.actor, "tenant.stations.read", from)) throw new NotFoundError();
  assertCan(ctx.actor, "tenant.deputies.manage", from);
  assertCan(ctx.actor, "tenant.deputies.manage", { tenantId: tx.tenantId, townshipId: data.townshipId });
  if (!archived) await assertDeputyReferences(tx, data, deputyId);
  await tx
    .update(deputies)
    .set({
      ...data,
      phone: clearPhone ? null : (phone ?? current.phone),
      archivedAt: archived ? (current.archivedAt ?? now) : null,
    })
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.id, deputyId)));
  await recordAudit(tx, ctx, {
    action: archived && !current.archivedAt ? "deputies.archived" : "deputies.updated",
    objectType: "deputy",
    objectId: deputyId,
    detail: { name: data.name, phoneChanged: clearPhone || phone !== undefined },
  });
}
