import type { Actor } from "@rdlink/auth";
import { type Actor as RuntimeActor, teamActor } from "@rdlink/workflow";

/** The signed-in user as the workflow runtime sees them: their roles and their teams. */
export const runtimeActor = (actor: Actor): RuntimeActor => ({
  userId: actor.userId,
  roles: actor.memberships.map((m) => m.role),
  teams: actor.teams ?? [],
});

/** Everyone the user may act as in a transition's `roles`/`teams`: each role, and `team:<key>` per team. */
export const actingAs = (actor: Actor): Set<string> =>
  new Set<string>([...actor.memberships.map((m) => m.role), ...(actor.teams ?? []).map(teamActor)]);
