import { searchDeputyOptions } from "@rdlink/core/deputies/search-deputy-options";
import { getDatabase } from "@rdlink/db";
import { loadOr404 } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import type { Route } from "./+types/deputy-options";

/** Deputies for pickers (names and levels, no phone numbers), searched by name: `?q=`. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const params = new URL(request.url).searchParams;
  return loadOr404(() =>
    getDatabase().withTenant(tenantId, (tx) =>
      searchDeputyOptions(tx, ctx, {
        search: params.get("q") ?? undefined,
        townshipId: params.get("township") ?? undefined,
      }),
    ),
  );
}
