import { type Actor, createSession } from "@rdlink/auth";
import { type Database, memberships, users } from "@rdlink/db";
import { loadActor } from "../auth/load-actor";

/** A platform operator row and the Actor a signed-in request would carry. */
export async function createOperator(db: Database, username = "op"): Promise<Actor> {
  const [row] = await db.withoutTenant((tx) =>
    tx.insert(users).values({ username, displayName: "运营", platformRole: "operator" }).returning(),
  );
  return { userId: row!.id, username, displayName: "运营", platformRole: "operator", tenantId: null, memberships: [] };
}

export function countyAdminOf(tenantId: string, userId: string): Actor {
  return {
    userId,
    username: "admin",
    displayName: "管理员",
    platformRole: null,
    tenantId,
    memberships: [{ role: "county_admin", townshipIds: [] }],
  };
}

/** An actor of `tenantId` with one role, as a signed-in request would carry it. */
export function memberOf(
  tenantId: string,
  role: Actor["memberships"][number]["role"],
  townshipIds: string[] = [],
): Actor {
  return {
    userId: crypto.randomUUID(),
    username: role,
    displayName: role,
    platformRole: null,
    tenantId,
    memberships: [{ role, townshipIds }],
  };
}

/** A handling unit's responder, as a signed-in request would carry them. */
export function responderOf(tenantId: string, handlingUnitId: string): Actor {
  const actor = memberOf(tenantId, "handling_unit_responder");
  return { ...actor, memberships: [{ role: "handling_unit_responder", townshipIds: [], handlingUnitId }] };
}

/** Like memberOf, backed by a real users row, for use cases that record who acted in a foreign key. */
export async function realMemberOf(
  db: Database,
  tenantId: string,
  role: Actor["memberships"][number]["role"],
  townshipIds: string[] = [],
): Promise<Actor> {
  const actor = memberOf(tenantId, role, townshipIds);
  await db.withoutTenant((tx) =>
    tx.insert(users).values({
      id: actor.userId,
      username: `u-${actor.userId.slice(0, 8)}`,
      displayName: role,
      homeTenantId: tenantId,
    }),
  );
  return actor;
}

/**
 * A user of the county with a role, as invited (a users row and its membership), signed in
 * through a real session: the Actor carries what loadActor reads, their teams included.
 */
export async function signedInMemberOf(
  db: Database,
  tenantId: string,
  role: Actor["memberships"][number]["role"],
  displayName: string,
): Promise<Actor> {
  const userId = await db.withoutTenant(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ username: `u-${crypto.randomUUID().slice(0, 8)}`, displayName, homeTenantId: tenantId })
      .returning({ id: users.id });
    return user!.id;
  });
  await db.withTenant(tenantId, (tx) => tx.insert(memberships).values({ userId, role }));
  return reloadActor(db, userId);
}

/** The Actor a new request of this user carries (after their teams changed, say). */
export async function reloadActor(db: Database, userId: string): Promise<Actor> {
  const { token } = await db.withoutTenant((tx) => createSession(tx, userId, {}, new Date()));
  const signedIn = await loadActor(db, token, new Date());
  return signedIn!.actor;
}
