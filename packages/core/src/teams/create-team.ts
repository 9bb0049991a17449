import { randomBytes } from "node:crypto";
import { assertCan } from "@rdlink/auth";
import { type TenantTx, teamMembers, teams } from "@rdlink/db";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput } from "../shared/errors";
import { assertCountyUsers, ZTeamInput } from "./team-input";

/**
 * A named group of the county's users (信访办, 法工委, 督办组) whose desk a workflow step can be
 * on. Its key, which definitions name, is made here and never changes; people see the name.
 */
export async function createTeam(tx: TenantTx, ctx: UseCaseContext, input: unknown, key = newTeamKey()) {
  assertCan(ctx.actor, "tenant.teams.manage", { tenantId: tx.tenantId });
  const { name, memberIds } = parseInput(ZTeamInput, input);
  await assertCountyUsers(tx, memberIds);
  try {
    const [team] = await tx.insert(teams).values({ key, name, createdAt: ctx.clock.now() }).returning();
    if (memberIds.length > 0) {
      await tx.insert(teamMembers).values(memberIds.map((userId) => ({ teamId: team!.id, userId })));
    }
    await recordAudit(tx, ctx, {
      action: "team.created",
      objectType: "team",
      objectId: team!.id,
      detail: { name, members: memberIds.length },
    });
    return team!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("teams.nameTaken", "name");
    throw error;
  }
}

/** `team_` and 10 random characters: a definition's reference that no renaming touches. */
export const newTeamKey = () => `team_${randomBytes(8).toString("hex").slice(0, 10)}`;
