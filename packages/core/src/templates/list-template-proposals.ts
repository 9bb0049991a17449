import { assertCan } from "@rdlink/auth";
import { type AppTx, templateProposals, templateSets, tenants, users } from "@rdlink/db";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { ZTemplateSetContent } from "./template-content";

/** How many proposals the library's page lists: the waiting ones first, then the latest answered. */
const LISTED = 100;

/**
 * What counties proposed to the library, for the operator's review: each with its county, and
 * the sets whose draft has a workflow of the same key (the one it would replace, to compare with).
 */
export async function listTemplateProposals(tx: AppTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "platform.templates.manage");
  const rows = await tx
    .select({
      id: templateProposals.id,
      county: tenants.name,
      workflowKey: templateProposals.workflowKey,
      fromVersion: templateProposals.fromVersion,
      definition: templateProposals.definition,
      layout: templateProposals.layout,
      note: templateProposals.note,
      proposedByName: templateProposals.proposedByName,
      proposedAt: templateProposals.proposedAt,
      status: templateProposals.status,
      reviewNote: templateProposals.reviewNote,
      reviewedBy: users.displayName,
      reviewedAt: templateProposals.reviewedAt,
      adoptedInto: templateSets.name,
    })
    .from(templateProposals)
    .innerJoin(tenants, eq(tenants.id, templateProposals.fromTenantId))
    .leftJoin(users, eq(users.id, templateProposals.reviewedBy))
    .leftJoin(templateSets, eq(templateSets.id, templateProposals.adoptedIntoSetId))
    .orderBy(sql`${templateProposals.status} = 'pending' desc`, desc(templateProposals.proposedAt))
    .limit(LISTED);
  const sets = await tx
    .select({ id: templateSets.id, name: templateSets.name, draft: templateSets.draft })
    .from(templateSets)
    .orderBy(asc(templateSets.createdAt));
  const drafts = sets.map((set) => ({
    id: set.id,
    name: set.name,
    workflows: ZTemplateSetContent.parse(set.draft).workflows,
  }));
  return {
    sets: drafts.map(({ id, name }) => ({ id, name })),
    proposals: rows.map((row) => ({
      ...row,
      name: ((row.definition as { name?: Record<string, string> }).name ?? { "zh-CN": row.workflowKey }) as Record<
        string,
        string
      >,
      /** The same workflow in each set's draft that has it: what adopting would replace. */
      inSets: drafts.flatMap((set) => {
        const same = set.workflows.find((w) => w.key === row.workflowKey);
        return same ? [{ setId: set.id, definition: same.definition as unknown, layout: same.layout as unknown }] : [];
      }),
    })),
  };
}
