import type { TenantTx } from "@rdlink/db";
import type { UseCaseContext } from "../shared/context";
import { searchDeputyOptions } from "./search-deputy-options";

/** Every deputy the actor may see, as a form's choices ("韦建国（金陵镇）"): names only, never phones. */
export async function listDeputyChoices(tx: TenantTx, ctx: UseCaseContext) {
  const rows = await searchDeputyOptions(tx, ctx, {}, 5000);
  return rows.map((d) => ({ value: d.id, label: `${d.name}（${d.townshipName}）` }));
}
