import { assertCan } from "@rdlink/auth";
import { dutyPosts, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, NotFoundError, parseInput } from "../shared/errors";
import { ZCheckbox, ZId } from "../shared/fields";
import { ZDutyPost } from "./create-duty-post";

export const ZUpdateDutyPost = ZDutyPost.extend({ postId: ZId, archived: ZCheckbox });

/**
 * Renames or describes a post, or archives it: an archived post is no longer offered to
 * new stations or claimable, while those who hold it keep it and its history stays.
 */
export async function updateDutyPost(tx: TenantTx, ctx: UseCaseContext, input: unknown, now = ctx.clock.now()) {
  assertCan(ctx.actor, "tenant.posts.manage", { tenantId: tx.tenantId });
  const { postId, name, description, archived } = parseInput(ZUpdateDutyPost, input);
  const [current] = await tx
    .select({ archivedAt: dutyPosts.archivedAt })
    .from(dutyPosts)
    .where(and(eq(dutyPosts.tenantId, tx.tenantId), eq(dutyPosts.id, postId)));
  if (!current) throw new NotFoundError();
  try {
    await tx
      .update(dutyPosts)
      .set({ name, description, archivedAt: archived ? (current.archivedAt ?? now) : null })
      .where(and(eq(dutyPosts.tenantId, tx.tenantId), eq(dutyPosts.id, postId)));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.postNameTaken", "name");
    throw error;
  }
  await recordAudit(tx, ctx, {
    action: "post.updated",
    objectType: "duty_post",
    objectId: postId,
    detail: { name, archived },
  });
}
