import { searchDeputyOptions } from "@rdlink/core/deputies/search-deputy-options";
import { countyLoader } from "~/lib/county-route.server";
import type { Route } from "./+types/deputy-options";

/** Deputies for pickers (names and levels, no phone numbers), searched by name: `?q=`; `?notIn=` a station's. */
export function loader(args: Route.LoaderArgs) {
  const params = new URL(args.request.url).searchParams;
  const query = {
    search: params.get("q") ?? undefined,
    townshipId: params.get("township") ?? undefined,
    notInStationId: params.get("notIn") ?? undefined,
  };
  return countyLoader(args, (tx, ctx) => searchDeputyOptions(tx, ctx, query));
}
