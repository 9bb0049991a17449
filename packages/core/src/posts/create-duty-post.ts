import { assertCan } from "@rdlink/auth";
import { dutyPosts, type TenantTx } from "@rdlink/db";
import { eq, max } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { ZName, ZOptionalText } from "../shared/fields";

export const ZDutyPost = z.object({ name: ZName, description: ZOptionalText(200) });

/** A new post in the county's catalog (e.g. 侨务服务岗), placed last; stations then choose to offer it. */
export async function createDutyPost(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.posts.manage", { tenantId: tx.tenantId });
  const { name, description } = parseInput(ZDutyPost, input);
  const [last] = await tx
    .select({ value: max(dutyPosts.sortOrder) })
    .from(dutyPosts)
    .where(eq(dutyPosts.tenantId, tx.tenantId));
  try {
    const [post] = await tx
      .insert(dutyPosts)
      .values({ name, description, sortOrder: (last?.value ?? -1) + 1 })
      .returning({ id: dutyPosts.id });
    await recordAudit(tx, ctx, {
      action: "post.created",
      objectType: "duty_post",
      objectId: post!.id,
      detail: { name },
    });
    return post!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("errors.postNameTaken", "name");
    throw error;
  }
}
