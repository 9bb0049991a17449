import { assertCan } from "@rdlink/auth";
import { cases, congressSessions, suggestions, type TenantTx } from "@rdlink/db";
import { and, desc, eq } from "drizzle-orm";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { ownDeputy } from "./submit-suggestion";

/**
 * What a deputy's suggestion form needs: the sessions to hand it in at (the latest first, the
 * default), and the suggestions they lead so far, with where each stands.
 */
export async function mySuggestions(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.suggestions.submit", { tenantId: tx.tenantId });
  const deputy = await ownDeputy(tx, ctx);
  const sessions = await tx
    .select({ id: congressSessions.id, name: congressSessions.name })
    .from(congressSessions)
    .where(eq(congressSessions.tenantId, tx.tenantId))
    .orderBy(desc(congressSessions.term), desc(congressSessions.meeting));
  if (!deputy) return { deputy: null, sessions, suggestions: [] };
  const rows = await tx
    .select({
      caseId: suggestions.caseId,
      number: suggestions.number,
      sessionName: congressSessions.name,
      title: cases.title,
      state: cases.state,
      versionId: cases.versionId,
    })
    .from(suggestions)
    .innerJoin(cases, and(eq(cases.tenantId, suggestions.tenantId), eq(cases.id, suggestions.caseId)))
    .innerJoin(
      congressSessions,
      and(eq(congressSessions.tenantId, suggestions.tenantId), eq(congressSessions.id, suggestions.sessionId)),
    )
    .where(and(eq(suggestions.tenantId, tx.tenantId), eq(suggestions.leadDeputyId, deputy.id)))
    .orderBy(desc(suggestions.createdAt))
    .limit(50);
  const store = new DrizzleCaseStore(tx);
  const mine = await Promise.all(
    rows.map(async ({ versionId, ...row }) => {
      const { definition } = await store.loadVersion(versionId);
      return { ...row, stateLabel: definition.states[row.state]?.label ?? { "zh-CN": row.state } };
    }),
  );
  return { deputy, sessions, suggestions: mine };
}
