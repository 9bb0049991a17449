import { assertCan } from "@rdlink/auth";
import { handlingUnitContacts, handlingUnits, memberships, type TenantTx } from "@rdlink/db";
import { and, asc, count, eq, ilike, inArray, isNull, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { maskPhone } from "../deputies/sheet/build-deputy-sheet";
import type { UseCaseContext } from "../shared/context";
import { parseInput } from "../shared/errors";
import { naturalOrder } from "../shared/natural-order";
import { ZPaging } from "../shared/paging";

export const ZListHandlingUnits = z.object({
  search: z.string().trim().max(60).optional(),
  includeArchived: z.preprocess((v) => v === true || v === "true" || v === "1", z.boolean()),
  ...ZPaging,
});

/**
 * The county's handling units, searched by name or duties on the server, a page at a
 * time, each with its contact people (phones masked) and how many staff accounts it has.
 */
export async function listHandlingUnits(tx: TenantTx, ctx: UseCaseContext, input: unknown = {}) {
  assertCan(ctx.actor, "tenant.handlingUnits.read", { tenantId: tx.tenantId });
  const { search, includeArchived, page, pageSize } = parseInput(ZListHandlingUnits, input);
  const where = and(
    ...([
      eq(handlingUnits.tenantId, tx.tenantId),
      includeArchived ? undefined : isNull(handlingUnits.archivedAt),
      search ? or(ilike(handlingUnits.name, `%${search}%`), ilike(handlingUnits.duties, `%${search}%`)) : undefined,
    ] as (SQL | undefined)[]),
  );
  const [units, [total]] = await Promise.all([
    tx
      .select()
      .from(handlingUnits)
      .where(where)
      .orderBy(asc(naturalOrder(handlingUnits.name)))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    tx.select({ value: count() }).from(handlingUnits).where(where),
  ]);
  const ids = units.map((u) => u.id);
  const [contacts, staff] = ids.length
    ? await Promise.all([
        tx
          .select()
          .from(handlingUnitContacts)
          .where(and(eq(handlingUnitContacts.tenantId, tx.tenantId), inArray(handlingUnitContacts.handlingUnitId, ids)))
          .orderBy(asc(handlingUnitContacts.createdAt)),
        tx
          .select({ handlingUnitId: memberships.handlingUnitId, value: count() })
          .from(memberships)
          .where(and(eq(memberships.tenantId, tx.tenantId), inArray(memberships.handlingUnitId, ids)))
          .groupBy(memberships.handlingUnitId),
      ])
    : [[], []];
  return {
    rows: units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      duties: unit.duties,
      archived: unit.archivedAt !== null,
      contacts: contacts
        .filter((c) => c.handlingUnitId === unit.id)
        .map((c) => ({ id: c.id, name: c.name, title: c.title, phone: c.phone ? maskPhone(c.phone) : null })),
      staffCount: staff.find((s) => s.handlingUnitId === unit.id)?.value ?? 0,
    })),
    total: total?.value ?? 0,
    page,
    pageSize,
  };
}
