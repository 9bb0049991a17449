import { memberships, type TenantTx } from "@rdlink/db";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { ValidationError } from "../shared/errors";
import { ZId, ZName } from "../shared/fields";

export const ZTeamInput = z.object({
  name: ZName,
  /** The county's users in the team; a form's multi-select sends them comma-joined. */
  memberIds: z
    .preprocess(
      (value) => (typeof value === "string" ? value.split(",").filter(Boolean) : (value ?? [])),
      z.array(ZId, { error: "validation.invalid" }).max(200, "validation.tooMany"),
    )
    .transform((ids) => [...new Set(ids)]),
});

/** Every member must be a user of this county (someone with a role here). */
export async function assertCountyUsers(tx: TenantTx, userIds: string[]) {
  if (userIds.length === 0) return;
  const found = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tx.tenantId), inArray(memberships.userId, userIds)));
  const known = new Set(found.map((r) => r.userId));
  if (userIds.some((id) => !known.has(id))) throw new ValidationError({ memberIds: "teams.unknownMember" });
}
