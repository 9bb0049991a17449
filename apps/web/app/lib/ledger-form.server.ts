import { readFormWithFiles } from "./actions.server";
import { pickedIds } from "./picker-values";

/**
 * The ledger entry form as the use cases take it: its fields (deputies come comma-joined
 * from the picker) and the photos chosen (stored staged, see withTenantStoringFiles).
 */
export async function readActivityForm(request: Request) {
  const { values, uploads } = await readFormWithFiles(request);
  return {
    input: { ...values, deputyIds: pickedIds(values.deputyIds) },
    uploads: await uploads("photos"),
  };
}
