import { assertCan } from "@rdlink/auth";
import { congressSessions, type TenantTx } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { sessionName, ZSessionInput } from "./session-input";

/** A session of the county's congress (届次/会次, its days), whose suggestions are then entered. */
export async function createSession(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const { term, meeting, opensOn, closesOn, name } = parseInput(ZSessionInput, input);
  const values = { term, meeting, opensOn, closesOn, name: name ?? sessionName(term, meeting) };
  try {
    const [session] = await tx
      .insert(congressSessions)
      .values({ ...values, createdAt: ctx.clock.now() })
      .returning();
    await recordAudit(tx, ctx, {
      action: "congressSession.created",
      objectType: "congressSession",
      objectId: session!.id,
      detail: { name: values.name },
    });
    return session!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("sessions.taken", "meeting");
    throw error;
  }
}
