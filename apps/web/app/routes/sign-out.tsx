import { clearedSessionCookie } from "@rdlink/auth";
import { signOut } from "@rdlink/core/auth/sign-out";
import { getDatabase } from "@rdlink/db";
import { redirect } from "react-router";
import { appClock } from "~/lib/clock.server";
import { clientIpContext, signedInContext } from "~/lib/context";
import type { Route } from "./+types/sign-out";

/** POST only: the session ends in the database, not just in the browser. */
export async function action({ context }: Route.ActionArgs) {
  const signedIn = context.get(signedInContext);
  if (signedIn) {
    await signOut(
      getDatabase(),
      { actor: signedIn.actor, ip: context.get(clientIpContext), clock: appClock },
      signedIn.sessionId,
    );
  }
  return redirect("/sign-in?signedOut", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export function loader() {
  throw redirect("/");
}
