import { randomUUID } from "node:crypto";
import { assertCan } from "@rdlink/auth";
import { communities, type Database, memberships, type TenantTx, tenants, townships, users } from "@rdlink/db";
import { localDateOf } from "@rdlink/workflow";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, recordPlatformAudit } from "../audit/record-audit";
import { ensureCalendarYears } from "../calendar/ensure-calendar-years";
import { findCounty, listTownshipDivisions, listVillageDivisions } from "../divisions/divisions";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, isUniqueViolation, parseInput, ValidationError } from "../shared/errors";
import { ZName, ZOptionalId, ZUsername } from "../shared/fields";
import { installTemplateSet } from "../templates/install-template-set";
import { latestSetVersion } from "../templates/latest-set-version";
import { issueInvitation } from "../users/issue-invitation";

export const ZOnboardCounty = z.object({
  divisionCode: z.string({ error: "validation.required" }).regex(/^\d{6}$/, "validation.divisionCode"),
  adminUsername: ZUsername,
  adminDisplayName: ZName,
  /** The template set the county starts from (its newest version); the platform's default when empty. */
  templateSetId: ZOptionalId,
});

export type TOnboardCounty = z.input<typeof ZOnboardCounty>;

/**
 * A platform operator brings a county on board, in one transaction: the tenant, its
 * real townships and streets with their villages and communities (GB/T 2260), the
 * configuration of the template set it picks (station types, standards, duty posts,
 * workflows: decision 0037), this year's and next year's working-day calendar and a first
 * county admin with a one-time invitation link.
 */
export async function onboardCounty(db: Database, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "platform.tenants.manage");
  const { divisionCode, adminUsername, adminDisplayName, templateSetId } = parseInput(ZOnboardCounty, input);
  const county = findCounty(divisionCode);
  if (!county) throw new ValidationError({ divisionCode: "validation.unknownDivision" });

  return db.withTenant(randomUUID(), async (tx) => {
    const [existing] = await tx
      .select({ name: tenants.name })
      .from(tenants)
      .where(eq(tenants.divisionCode, divisionCode));
    if (existing) throw new ConflictError("errors.countyExists", "divisionCode", { name: existing.name });
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, adminUsername));
    if (taken) throw new ConflictError("errors.usernameTaken", "adminUsername");
    const templateVersion = await latestSetVersion(tx, templateSetId ?? undefined);
    if (!templateVersion) throw new ValidationError({ templateSetId: "validation.templateSetUnpublished" });

    try {
      await tx.insert(tenants).values({
        id: tx.tenantId,
        divisionCode,
        name: county.name,
        provinceName: county.provinceName,
        cityName: county.cityName,
      });
    } catch (error) {
      // Two operators onboarding the same county at once: the second loses here.
      if (isUniqueViolation(error))
        throw new ConflictError("errors.countyExists", "divisionCode", { name: county.name });
      throw error;
    }

    const divisions = listTownshipDivisions(divisionCode);
    const townshipRows =
      divisions.length > 0
        ? await tx
            .insert(townships)
            .values(
              divisions.map((d, index) => ({ divisionCode: d.code, name: d.name, kind: d.kind, sortOrder: index })),
            )
            .returning({ id: townships.id, divisionCode: townships.divisionCode })
        : [];
    const communityCount = await importCommunities(tx, divisionCode, townshipRows);
    const now = ctx.clock.now();
    const template = await installTemplateSet(tx, templateVersion.id, ctx.actor.userId, now);
    const year = Number(localDateOf(now).slice(0, 4));
    await ensureCalendarYears(tx, [year, year + 1], now);

    const [admin] = await tx
      .insert(users)
      .values({ username: adminUsername, displayName: adminDisplayName, homeTenantId: tx.tenantId })
      .returning({ id: users.id });
    await tx.insert(memberships).values({ userId: admin!.id, role: "county_admin" });
    const invitationToken = await issueInvitation(tx, admin!.id, ctx.actor.userId, now);

    const detail = {
      divisionCode,
      name: county.name,
      townships: divisions.length,
      communities: communityCount,
      workflows: template.workflows,
      templateSetId: template.setId,
      templateSetVersion: template.version,
      adminUsername,
    };
    await recordAudit(tx, ctx, { action: "tenant.onboarded", objectType: "tenant", objectId: tx.tenantId, detail });
    await recordPlatformAudit(tx, ctx, {
      action: "tenant.onboarded",
      objectType: "tenant",
      objectId: tx.tenantId,
      tenantId: tx.tenantId,
      detail,
    });
    return { tenantId: tx.tenantId, invitationToken, townshipCount: divisions.length, communityCount };
  });
}

/** The county's real villages and communities (村/社区), each under its township. */
async function importCommunities(
  tx: TenantTx,
  countyCode: string,
  townshipRows: { id: string; divisionCode: string | null }[],
): Promise<number> {
  const townshipOf = new Map(townshipRows.map((t) => [t.divisionCode, t.id]));
  const rows = (await listVillageDivisions(countyCode)).flatMap((v) => {
    const townshipId = townshipOf.get(v.townshipCode);
    return townshipId ? [{ townshipId, divisionCode: v.code, name: v.name }] : [];
  });
  // Two committees of one township can share a name once the suffix is gone: one is kept.
  const unique = [...new Map(rows.map((r) => [`${r.townshipId}/${r.name}`, r])).values()];
  for (let i = 0; i < unique.length; i += 1000) await tx.insert(communities).values(unique.slice(i, i + 1000));
  return unique.length;
}
