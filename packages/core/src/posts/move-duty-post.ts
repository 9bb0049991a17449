import { assertCan } from "@rdlink/auth";
import { dutyPosts, type TenantTx } from "@rdlink/db";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { naturalOrder } from "../shared/natural-order";

export const ZMoveDutyPost = z.object({ postId: ZId, direction: z.enum(["up", "down"]) });

/** Moves a post one place up or down in the catalog (the order stations and posters list them in). */
export async function moveDutyPost(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.posts.manage", { tenantId: tx.tenantId });
  const { postId, direction } = parseInput(ZMoveDutyPost, input);
  const posts = await tx
    .select({ id: dutyPosts.id })
    .from(dutyPosts)
    .where(eq(dutyPosts.tenantId, tx.tenantId))
    .orderBy(asc(dutyPosts.sortOrder), asc(naturalOrder(dutyPosts.name)));
  const from = posts.findIndex((p) => p.id === postId);
  if (from < 0) throw new NotFoundError();
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= posts.length) return;
  const order = posts.map((p) => p.id);
  [order[from], order[to]] = [order[to]!, order[from]!];
  // Renumber all: older rows may share a sort order, and a swap of equal numbers would do nothing.
  for (const [index, id] of order.entries()) {
    await tx
      .update(dutyPosts)
      .set({ sortOrder: index })
      .where(and(eq(dutyPosts.tenantId, tx.tenantId), eq(dutyPosts.id, id)));
  }
  await recordAudit(tx, ctx, {
    action: "post.moved",
    objectType: "duty_post",
    objectId: postId,
    detail: { direction },
  });
}
