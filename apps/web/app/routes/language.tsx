import { supportedLanguages } from "@rdlink/i18n/languages";
import { redirect } from "react-router";
import { z } from "zod";
import { readForm } from "~/lib/actions.server";
import { localeCookie } from "~/lib/i18n.server";
import { safeRedirect } from "~/lib/safe-redirect";
import type { Route } from "./+types/language";

const ZLanguageChoice = z.object({
  lng: z.enum(supportedLanguages),
  redirectTo: z
    .string()
    .transform((to) => safeRedirect(to))
    .catch("/"),
});

export async function action({ request }: Route.ActionArgs) {
  const choice = ZLanguageChoice.safeParse(await readForm(request));
  if (!choice.success) throw new Response(null, { status: 400 });
  return redirect(choice.data.redirectTo, { headers: { "Set-Cookie": await localeCookie.serialize(choice.data.lng) } });
}

export function loader() {
  throw redirect("/");
}
