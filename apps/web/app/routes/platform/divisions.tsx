import { listCities, listCounties, listTownshipDivisions } from "@rdlink/core/divisions/divisions";
import { data } from "react-router";
import { requirePermission } from "~/lib/auth.server";
import type { Route } from "./+types/divisions";

/**
 * The division picker's data, level by level: ?province=45 lists its cities,
 * ?city=4501 its counties, ?county=450107 the townships that onboarding will import.
 */
export function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "platform.tenants.manage");
  const params = new URL(request.url).searchParams;
  const code = (name: string, digits: number) => {
    const value = params.get(name);
    return value && new RegExp(`^\\d{${digits}}$`).test(value) ? value : null;
  };
  const province = code("province", 2);
  const city = code("city", 4);
  const county = code("county", 6);
  if (province) return { divisions: listCities(province) };
  if (city) return { divisions: listCounties(city) };
  if (county) return { divisions: listTownshipDivisions(county) };
  throw data({ messageKey: "errors.badRequest" }, { status: 400 });
}
