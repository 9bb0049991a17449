import { assertCan } from "@rdlink/auth";
import { cases, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import { parseTrackingCode } from "../cases/tracking-code";
import type { UseCaseContext } from "../shared/context";
import { parseInput, ValidationError } from "../shared/errors";
import { ZErasureRequest } from "./privacy-input";

/**
 * A citizen asks the county to erase their data (个人信息保护法 第四十七条): staff take the request
 * with the tracking code of one of their cases and the phone number they left on it — the pair
 * proves the person is the one who filed it. Every case of the county with that number loses its
 * name and number; the cases and figures stay. Audited with the code and the count, never the number.
 */
export async function eraseCitizenData(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.privacy.manage", { tenantId: tx.tenantId });
  const { trackingCode, phone } = parseInput(ZErasureRequest, input);
  const parsed = parseTrackingCode(trackingCode);
  if (!parsed) throw new ValidationError({ trackingCode: "privacy.errors.noSuchCase" });
  const [filed] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.trackingCode, parsed.code), eq(cases.submitterPhone, phone)));
  if (!filed) throw new ValidationError({ trackingCode: "privacy.errors.noSuchCase" });
  const erased = await tx
    .update(cases)
    .set({ submitterName: null, submitterPhone: null, personalDataErasedAt: ctx.clock.now() })
    .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.submitterPhone, phone)))
    .returning({ id: cases.id });
  await recordAudit(tx, ctx, {
    action: "privacy.erasure_requested",
    objectType: "case",
    objectId: filed.id,
    detail: { trackingCode: parsed.code, cases: erased.length },
  });
  return { erased: erased.length };
}
