import type { CountyRequest } from "./county-route.server";
import { pickedIds } from "./picker-values";

/**
 * The ledger entry form as the use cases take it: its fields (deputies come comma-joined
 * from the picker) and the photos chosen (stored staged, see inTenantStoringFiles). The form
 * has one purpose, so one carrying an `intent` is refused (400).
 */
export async function readActivityForm(county: CountyRequest) {
  const { values, uploads } = await county.formWithFiles();
  return {
    input: { ...values, deputyIds: pickedIds(values.deputyIds) },
    uploads: await uploads("photos"),
  };
}
