import { assertCan } from "@rdlink/auth";
import { congressSessions, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, NotFoundError, parseInput } from "../shared/errors";
import { sessionOf } from "./open-suggestion";
import { sessionName, ZSessionInput } from "./session-input";

/** Corrects a session's 届次/会次, days or name; its suggestions stay with it. */
export async function updateSession(tx: TenantTx, ctx: UseCaseContext, sessionId: string, input: unknown) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const { id } = await sessionOf(tx, sessionId);
  const { term, meeting, opensOn, closesOn, name } = parseInput(ZSessionInput, input);
  const values = { term, meeting, opensOn, closesOn, name: name ?? sessionName(term, meeting) };
  try {
    const [session] = await tx
      .update(congressSessions)
      .set(values)
      .where(and(eq(congressSessions.tenantId, tx.tenantId), eq(congressSessions.id, id)))
      .returning();
    if (!session) throw new NotFoundError();
    await recordAudit(tx, ctx, {
      action: "congressSession.updated",
      objectType: "congressSession",
      objectId: session.id,
      detail: { name: values.name },
    });
    return session;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("sessions.taken", "meeting");
    throw error;
  }
}
