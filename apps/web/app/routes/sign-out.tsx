import { clearedSessionCookie } from "@rdlink/auth";
import { signOut } from "@rdlink/core/auth/sign-out";
import { redirect } from "react-router";
import { accountRequest, actingContext } from "~/lib/auth.server";
import { signedInContext } from "~/lib/context";
import type { Route } from "./+types/sign-out";

/** POST only: the session ends in the database, not just in the browser. */
export async function action({ request, context }: Route.ActionArgs) {
  const signedIn = context.get(signedInContext);
  if (signedIn) {
    await signOut(accountRequest(request, context).db, actingContext(signedIn, context), signedIn.sessionId);
  }
  return redirect("/sign-in?signedOut", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export function loader() {
  throw redirect("/");
}
