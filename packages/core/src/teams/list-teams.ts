import { assertCan } from "@rdlink/auth";
import { type TenantTx, teamMembers, teams, users } from "@rdlink/db";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import { naturalOrder } from "../shared/natural-order";

/** The county's teams with their members, by name. */
export async function listTeams(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.teams.read", { tenantId: tx.tenantId });
  const rows = await tx
    .select({
      id: teams.id,
      key: teams.key,
      name: teams.name,
      userId: users.id,
      displayName: users.displayName,
      username: users.username,
    })
    .from(teams)
    .leftJoin(teamMembers, and(eq(teamMembers.tenantId, teams.tenantId), eq(teamMembers.teamId, teams.id)))
    .leftJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teams.tenantId, tx.tenantId), isNull(teams.archivedAt)))
    .orderBy(asc(naturalOrder(teams.name)), asc(naturalOrder(users.displayName)));
  const byTeam = new Map<
    string,
    { id: string; key: string; name: string; members: { userId: string; displayName: string; username: string }[] }
  >();
  for (const r of rows) {
    const team = byTeam.get(r.id) ?? { id: r.id, key: r.key, name: r.name, members: [] };
    if (r.userId) team.members.push({ userId: r.userId, displayName: r.displayName!, username: r.username! });
    byTeam.set(r.id, team);
  }
  return [...byTeam.values()];
}

/** The keys and names of the county's teams: for checking and drawing definitions that name them. */
export async function teamNames(tx: TenantTx): Promise<Map<string, string>> {
  const rows = await tx
    .select({ key: teams.key, name: teams.name })
    .from(teams)
    .where(and(eq(teams.tenantId, tx.tenantId), isNull(teams.archivedAt)));
  return new Map(rows.map((r) => [r.key, r.name]));
}
