import { deputies, memberships, type TenantTx, townships } from "@rdlink/db";
import { and, eq, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import { ConflictError, ValidationError } from "../shared/errors";
import { ZId, ZOptionalId, ZOptionalText } from "../shared/fields";
import { deputyLevels, normalisePersonName, normalisePhone, PHONE_PATTERN, splitList } from "./sheet/deputy-row";

/** A deputy as the directory's form gives it (the sheet's rules, with the township picked by id). */
export const ZDeputyInput = z.object({
  name: z.preprocess(
    normalisePersonName,
    z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(40, "validation.tooLong"),
  ),
  level: z.enum(deputyLevels, { error: "validation.deputyLevel" }),
  term: ZOptionalText(40),
  constituency: ZOptionalText(60),
  townshipId: ZId,
  sector: ZOptionalText(40),
  tags: z.preprocess(splitList, z.array(z.string().max(40, "validation.tooLong")).max(50, "validation.tooMany")),
  gender: z
    .enum(["male", "female", ""], { error: "validation.invalid" })
    .optional()
    .transform((v) => v || null),
  /** The deputy's own sign-in, so they can claim posts (a user with the deputy role). */
  userId: ZOptionalId,
});

/** A phone number typed in the form; blank means "no number" on creation and "unchanged" on edit. */
export const ZDeputyPhone = z.preprocess(
  normalisePhone,
  z.string().regex(PHONE_PATTERN, "validation.invalidPhone").optional(),
);

/**
 * What a deputy's record points at must hold: a township of the county, no second deputy
 * of the same name there (the import's rule), and a linked user with the deputy role who
 * is nobody else's record yet.
 */
export async function assertDeputyReferences(
  tx: TenantTx,
  data: { name: string; townshipId: string; userId: string | null },
  selfId?: string,
) {
  const [township] = await tx
    .select({ id: townships.id })
    .from(townships)
    .where(and(eq(townships.tenantId, tx.tenantId), eq(townships.id, data.townshipId), isNull(townships.archivedAt)));
  if (!township) throw new ValidationError({ townshipId: "validation.unknownTownship" });
  const notSelf = selfId ? ne(deputies.id, selfId) : undefined;
  const [namesake] = await tx
    .select({ id: deputies.id })
    .from(deputies)
    .where(
      and(
        eq(deputies.tenantId, tx.tenantId),
        eq(deputies.townshipId, data.townshipId),
        eq(deputies.name, data.name),
        isNull(deputies.archivedAt),
        notSelf,
      ),
    );
  if (namesake) throw new ConflictError("validation.duplicateDeputy", "name");
  if (!data.userId) return;
  const [member] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(eq(memberships.tenantId, tx.tenantId), eq(memberships.userId, data.userId), eq(memberships.role, "deputy")),
    );
  if (!member) throw new ValidationError({ userId: "validation.invalidReference" });
  const [linked] = await tx
    .select({ id: deputies.id })
    .from(deputies)
    .where(and(eq(deputies.tenantId, tx.tenantId), eq(deputies.userId, data.userId), notSelf));
  if (linked) throw new ConflictError("validation.userLinked", "userId");
}
