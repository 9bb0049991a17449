import { deputies, files, handlingUnits, type TenantTx } from "@rdlink/db";
import { buildValidator, type TFieldList } from "@rdlink/forms";
import { and, eq, inArray } from "drizzle-orm";
import { ValidationError } from "./errors";

const referenceTables = { image: files, handlingUnit: handlingUnits, deputy: deputies } as const;

/**
 * Checks values submitted against a field list: their form (buildValidator) and, for
 * fields that name a photo, a handling unit or a deputy, that the row exists in this
 * county. Errors come back at `<prefix>.<field key>`, as the form shows them.
 */
export async function validateFieldValues(
  tx: TenantTx,
  fields: TFieldList,
  values: unknown,
  prefix: string,
): Promise<Record<string, unknown>> {
  const parsed = buildValidator(fields).safeParse(values);
  if (!parsed.success) {
    throw new ValidationError(
      Object.fromEntries(parsed.error.issues.map((i) => [`${prefix}.${i.path.join(".")}`, i.message])),
    );
  }
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = parsed.data[field.key];
    if (typeof value !== "string" || !(field.type in referenceTables)) continue;
    const table = referenceTables[field.type as keyof typeof referenceTables];
    const [found] = await tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.tenantId, tx.tenantId), inArray(table.id, [value])));
    if (!found) errors[`${prefix}.${field.key}`] = "validation.invalidReference";
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return parsed.data;
}
