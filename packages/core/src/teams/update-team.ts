import { assertCan } from "@rdlink/auth";
import { type TenantTx, teamMembers, teams } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, NotFoundError, parseInput } from "../shared/errors";
import { ZId } from "../shared/fields";
import { assertCountyUsers, ZTeamInput } from "./team-input";

export const ZUpdateTeam = ZTeamInput.extend({ teamId: ZId });

/** Renames a team and sets who is in it; the workflows that name it are untouched (they name its key). */
export async function updateTeam(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.teams.manage", { tenantId: tx.tenantId });
  const { teamId, name, memberIds } = parseInput(ZUpdateTeam, input);
  const [team] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.tenantId, tx.tenantId), eq(teams.id, teamId)))
    .for("update");
  if (!team) throw new NotFoundError();
  await assertCountyUsers(tx, memberIds);
  try {
    await tx
      .update(teams)
      .set({ name })
      .where(and(eq(teams.tenantId, tx.tenantId), eq(teams.id, teamId)));
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError("teams.nameTaken", "name");
    throw error;
  }
  await tx.delete(teamMembers).where(and(eq(teamMembers.tenantId, tx.tenantId), eq(teamMembers.teamId, teamId)));
  if (memberIds.length > 0) await tx.insert(teamMembers).values(memberIds.map((userId) => ({ teamId, userId })));
  await recordAudit(tx, ctx, {
    action: "team.updated",
    objectType: "team",
    objectId: teamId,
    detail: { name, previousName: team.name, members: memberIds.length },
  });
  return { ...team, name };
}
