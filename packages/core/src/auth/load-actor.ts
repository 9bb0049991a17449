import type { Actor } from "@rdlink/auth";
import { validateSessionToken } from "@rdlink/auth";
import { type Database, enterTenant, memberships, membershipTownships, teamMembers, teams } from "@rdlink/db";
import { and, eq, isNull } from "drizzle-orm";

export type SignedIn = {
  actor: Actor;
  sessionId: string;
  sessionExpiresAt: Date;
  tenant: { id: string; name: string; divisionCode: string } | null;
};

/**
 * The signed-in user behind a session token with their roles, or null. Every signed-in request pays
 * this: two round trips, the session with its user and county, then their roles and teams together.
 */
export async function loadActor(db: Database, token: string, now: Date): Promise<SignedIn | null> {
  return db.withoutTenant(async (tx) => {
    const session = await validateSessionToken(tx, token, now);
    if (!session) return null;
    const { user, tenant } = session;
    let roles: Actor["memberships"] = [];
    let teamKeys: string[] = [];
    if (tenant) {
      const scoped = await enterTenant(tx, tenant.id);
      // Both lookups at once: on PostgreSQL they go out in one write and come back in one round trip.
      const [rows, teamRows] = await Promise.all([
        scoped
          .select({
            id: memberships.id,
            role: memberships.role,
            handlingUnitId: memberships.handlingUnitId,
            townshipId: membershipTownships.townshipId,
          })
          .from(memberships)
          .leftJoin(
            membershipTownships,
            and(
              eq(membershipTownships.tenantId, memberships.tenantId),
              eq(membershipTownships.membershipId, memberships.id),
            ),
          )
          .where(eq(memberships.userId, user.id)),
        scoped
          .select({ key: teams.key })
          .from(teamMembers)
          .innerJoin(teams, and(eq(teams.tenantId, teamMembers.tenantId), eq(teams.id, teamMembers.teamId)))
          .where(and(eq(teamMembers.tenantId, tenant.id), eq(teamMembers.userId, user.id), isNull(teams.archivedAt))),
      ]);
      const byMembership = new Map<string, Actor["memberships"][number]>();
      for (const r of rows) {
        const entry = byMembership.get(r.id) ?? {
          role: r.role,
          townshipIds: [],
          ...(r.handlingUnitId ? { handlingUnitId: r.handlingUnitId } : {}),
        };
        if (r.townshipId) entry.townshipIds.push(r.townshipId);
        byMembership.set(r.id, entry);
      }
      roles = [...byMembership.values()];
      teamKeys = teamRows.map((r) => r.key);
    }
    return {
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        platformRole: user.platformRole,
        tenantId: tenant?.id ?? null,
        memberships: roles,
        teams: teamKeys,
      },
      sessionId: session.sessionId,
      sessionExpiresAt: session.expiresAt,
      tenant: tenant ? { id: tenant.id, name: tenant.name, divisionCode: tenant.divisionCode } : null,
    };
  });
}
