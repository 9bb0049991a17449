import { assertCan } from "@rdlink/auth";
import { cases, deputies, suggestions, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { CASE_CATEGORIES } from "../cases/case-categories";
import { DrizzleCaseStore } from "../cases/drizzle-case-store";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { sessionOf } from "./open-suggestion";

const ZSessionQuery = z.object({
  /** Only this category's suggestions; anything else lists them all. */
  category: z.enum(CASE_CATEGORIES).optional().catch(undefined),
});

/** A session without its suggestions (the import page's heading). */
export async function findSession(tx: TenantTx, ctx: UseCaseContext, sessionId: string) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  return sessionOf(tx, sessionId);
}

/**
 * A session and its suggestions in number order (001 before 010, 2 before 10): each with its
 * 领衔代表, category and where its case stands, in the words of its workflow's step.
 */
export async function getSession(tx: TenantTx, ctx: UseCaseContext, sessionId: string, query: unknown = {}) {
  assertCan(ctx.actor, "tenant.sessions.manage", { tenantId: tx.tenantId });
  const session = await sessionOf(tx, sessionId);
  const { category } = parseInput(ZSessionQuery, query);
  const rows = await tx
    .select({
      id: suggestions.id,
      caseId: suggestions.caseId,
      number: suggestions.number,
      sector: suggestions.sector,
      receivedOn: suggestions.receivedOn,
      coDeputies: suggestions.coDeputyIds,
      source: suggestions.source,
      leadDeputyName: deputies.name,
      title: cases.title,
      category: cases.category,
      state: cases.state,
      status: cases.status,
      versionId: cases.versionId,
    })
    .from(suggestions)
    .innerJoin(cases, and(eq(cases.tenantId, suggestions.tenantId), eq(cases.id, suggestions.caseId)))
    .innerJoin(deputies, and(eq(deputies.tenantId, suggestions.tenantId), eq(deputies.id, suggestions.leadDeputyId)))
    .where(
      and(
        eq(suggestions.tenantId, tx.tenantId),
        eq(suggestions.sessionId, session.id),
        category ? eq(cases.category, category) : undefined,
      ),
    );
  const store = new DrizzleCaseStore(tx);
  const listed = await Promise.all(
    rows.map(async ({ versionId, coDeputies, ...row }) => {
      const { definition } = await store.loadVersion(versionId);
      const stateLabel = definition.states[row.state]?.label ?? { "zh-CN": row.state };
      return { ...row, coDeputies: coDeputies.length, stateLabel };
    }),
  );
  listed.sort((a, b) => a.number.localeCompare(b.number, "zh-CN", { numeric: true }));
  return { session, category: category ?? null, suggestions: listed };
}
