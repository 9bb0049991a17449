import { homePath } from "@rdlink/auth";
import { redirect } from "react-router";
import { signedInContext } from "~/lib/context";
import type { Route } from "./+types/home";

/** The start page sends each user to their console, and everyone else to sign in. */
export function loader({ context }: Route.LoaderArgs) {
  const signedIn = context.get(signedInContext);
  throw redirect(signedIn ? homePath(signedIn.actor) : "/sign-in");
}
