import { assertCan } from "@rdlink/auth";
import { privacySettings, type TenantTx } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZPrivacySettings } from "./privacy-input";

/** The county sets how many months after closing a case its citizen's name and phone are kept. */
export async function savePrivacySettings(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.privacy.manage", { tenantId: tx.tenantId });
  const { retentionMonths } = parseInput(ZPrivacySettings, input);
  const values = { retentionMonths, updatedBy: ctx.actor.userId, updatedAt: ctx.clock.now() };
  await tx.insert(privacySettings).values(values).onConflictDoUpdate({ target: privacySettings.tenantId, set: values });
  await recordAudit(tx, ctx, { action: "privacy.retention_set", detail: { months: retentionMonths } });
  return { retentionMonths };
}
