import { assertCan } from "@rdlink/auth";
import type { TenantTx } from "@rdlink/db";
import { applyEvent } from "@rdlink/workflow";
import { z } from "zod";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { asUseCaseError } from "./case-errors";
import { DrizzleCaseStore } from "./drizzle-case-store";

export const ZActOnCase = z.object({
  caseId: ZId,
  event: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, "validation.invalid"),
  data: z.record(z.string(), z.unknown()).default({}),
  /** The seq the actor saw: a case that moved on since is a 409, never a silent overwrite. */
  expectedSeq: z.number().int().min(1),
  idempotencyKey: z.string().min(8).max(100).optional(),
});

/** One step of a case by a signed-in user; the workflow decides which roles may take it. */
export async function actOnCase(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = new Date()) {
  assertCan(ctx.actor, "tenant.cases.act", { tenantId: tx.tenantId });
  const { caseId, event, data, expectedSeq, idempotencyKey } = parseInput(ZActOnCase, input);
  try {
    return await applyEvent(
      new DrizzleCaseStore(tx),
      caseId,
      { type: event, data },
      {
        expectedSeq,
        idempotencyKey,
        actor: { userId: ctx.actor.userId, roles: ctx.actor.memberships.map((m) => m.role) },
        now,
      },
    );
  } catch (error) {
    throw asUseCaseError(error);
  }
}
