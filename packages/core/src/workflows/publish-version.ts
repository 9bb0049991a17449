import { type TenantTx, workflowVersions } from "@rdlink/db";
import { contentHash, type TWorkflowDefinition } from "@rdlink/workflow";
import { and, eq, max } from "drizzle-orm";

/**
 * Freezes a valid definition as the workflow's next numbered version. Identical content
 * (by hash) publishes nothing new: the existing version is returned.
 */
export async function publishVersion(
  tx: TenantTx,
  args: {
    workflowId: string;
    definition: TWorkflowDefinition;
    layout?: Record<string, { x: number; y: number }>;
    userId: string | null;
    now: Date;
  },
) {
  const hash = contentHash(args.definition);
  const where = (extra: ReturnType<typeof eq>) =>
    and(eq(workflowVersions.tenantId, tx.tenantId), eq(workflowVersions.workflowId, args.workflowId), extra);
  const [existing] = await tx
    .select()
    .from(workflowVersions)
    .where(where(eq(workflowVersions.contentHash, hash)));
  if (existing) return { version: existing, created: false };
  const [latest] = await tx
    .select({ value: max(workflowVersions.version) })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.tenantId, tx.tenantId), eq(workflowVersions.workflowId, args.workflowId)));
  const [version] = await tx
    .insert(workflowVersions)
    .values({
      workflowId: args.workflowId,
      version: (latest?.value ?? 0) + 1,
      definition: args.definition,
      kind: args.definition.kind,
      layout: args.layout ?? {},
      contentHash: hash,
      publishedBy: args.userId,
      publishedAt: args.now,
    })
    .returning();
  return { version: version!, created: true };
}
