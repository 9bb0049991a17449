import { assertCan } from "@rdlink/auth";
import {
  cases,
  checklists,
  dutyPosts,
  stationTypes,
  type TenantTx,
  type TTemplateOrigin,
  templateSetVersions,
  tenants,
  workflows,
} from "@rdlink/db";
import { validateDefinition } from "@rdlink/workflow";
import { and, eq, isNull, max, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { UseCaseContext } from "../shared/context";
import { ConflictError, parseInput, ValidationError } from "../shared/errors";
import { countyValidationContext } from "../workflows/county-references";
import { publishVersion } from "../workflows/publish-version";
import { assertWorkflowNameFree } from "../workflows/workflow-name-free";
import { countyTemplateItems, TEMPLATE_SECTIONS, type TTemplateSection } from "./county-template-items";
import { getTemplateUpgrade, type TTemplateUpgradeItem } from "./get-template-upgrade";

export const ZApplyTemplateUpgrade = z.object({
  /** The version the admin looked at: a newer one published meanwhile is a conflict. */
  toVersion: z.coerce.number({ error: "validation.invalid" }).int().min(2),
  /** The items taken (`section:key`); every other item of the upgrade is declined. */
  accept: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((value) => (Array.isArray(value) ? value : [value])),
});

/**
 * The county takes a newer version of its template set, item by item, in one transaction: each
 * accepted item becomes the version's (a workflow as a new county version, its running cases on
 * theirs), each declined one stays as the county has it; the county is then on the new version.
 * Refused whole, nothing applied, when an accepted workflow lacks a state the county's running
 * cases are in (named) or a name would clash with one of the county's own.
 */
export async function applyTemplateUpgrade(tx: TenantTx, ctx: UseCaseContext, input: unknown) {
  assertCan(ctx.actor, "tenant.templates.upgrade", { tenantId: tx.tenantId });
  const { toVersion, accept } = parseInput(ZApplyTemplateUpgrade, input);
  // One upgrade at a time per county: the second waits, then finds itself stale.
  await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tx.tenantId)).for("update");
  const upgrade = await getTemplateUpgrade(tx, ctx);
  if (!upgrade || upgrade.to !== toVersion) throw new ConflictError("templates.errors.upgradeChanged");
  const byId = new Map(upgrade.items.map((item) => [item.id, item]));
  if (accept.some((id) => !byId.has(id))) throw new ValidationError({ accept: "validation.invalid" });
  const accepted = new Set(accept);
  const [target] = await tx.select().from(templateSetVersions).where(eq(templateSetVersions.id, upgrade.toVersionId));
  const origin = (key: string): TTemplateOrigin => ({ setId: target!.setId, version: target!.version, itemKey: key });
  const now = ctx.clock.now();

  // Parents first: station types name their standard by its key.
  for (const section of TEMPLATE_SECTIONS) {
    const county = await countyTemplateItems(tx, target!.setId);
    for (const item of upgrade.items.filter((i) => i.section === section && accepted.has(i.id))) {
      const own = county[section].get(item.key);
      if (item.change === "removed") {
        if (own) await archive(tx, section, own.id, now);
        continue;
      }
      await assertNameFree(tx, section, item, own?.id);
      await APPLY[section](tx, item, { ownId: own?.id ?? null, origin: origin(item.key), county, ctx, now });
    }
  }
  await tx.update(tenants).set({ templateSetVersionId: target!.id }).where(eq(tenants.id, tx.tenantId));
  const detail = {
    setName: upgrade.setName,
    from: upgrade.from,
    to: upgrade.to,
    accepted: upgrade.items.filter((i) => accepted.has(i.id)).map((i) => i.name),
    declined: upgrade.items.filter((i) => !accepted.has(i.id)).map((i) => i.name),
  };
  await recordAudit(tx, ctx, { action: "templateSet.upgraded", objectType: "tenant", objectId: tx.tenantId, detail });
  return detail;
}

type ApplyContext = {
  ownId: string | null;
  origin: TTemplateOrigin;
  county: Awaited<ReturnType<typeof countyTemplateItems>>;
  ctx: UseCaseContext;
  now: Date;
};

const TABLES = { checklists, stationTypes, dutyPosts, workflows } as const;

async function archive(tx: TenantTx, section: TTemplateSection, id: string, now: Date) {
  const table = TABLES[section];
  await tx
    .update(table)
    .set({ archivedAt: now })
    .where(and(eq(table.tenantId, tx.tenantId), eq(table.id, id)));
}

/** A new or renamed item must not take a name another of the county's items has. */
async function assertNameFree(tx: TenantTx, section: TTemplateSection, item: TTemplateUpgradeItem, ownId?: string) {
  if (section === "workflows") return; // publishing checks a workflow's name (below)
  const table = TABLES[section];
  const name = String(item.theirs!.name);
  const [clash] = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.tenantId, tx.tenantId), eq(table.name, name)));
  if (clash && clash.id !== ownId) throw new ConflictError("templates.errors.nameClash", undefined, { name });
}

const APPLY: Record<
  TTemplateSection,
  (tx: TenantTx, item: TTemplateUpgradeItem, apply: ApplyContext) => Promise<void>
> = {
  async checklists(tx, item, { ownId, origin }) {
    const values = { name: String(item.theirs!.name), items: item.theirs!.items as string[], templateOrigin: origin };
    if (ownId)
      await tx
        .update(checklists)
        .set(values)
        .where(and(eq(checklists.tenantId, tx.tenantId), eq(checklists.id, ownId)));
    else await tx.insert(checklists).values(values);
  },

  async stationTypes(tx, item, { ownId, origin, county }) {
    const checklistKey = item.theirs!.checklistKey as string | null;
    const values = {
      name: String(item.theirs!.name),
      checklistId: checklistKey ? (county.checklists.get(checklistKey)?.id ?? null) : null,
      intakeFields: item.theirs!.intakeFields as unknown[],
      customFields: item.theirs!.customFields as unknown[],
      templateOrigin: origin,
    };
    if (ownId) {
      await tx
        .update(stationTypes)
        .set(values)
        .where(and(eq(stationTypes.tenantId, tx.tenantId), eq(stationTypes.id, ownId)));
      return;
    }
    const [last] = await tx
      .select({ value: max(stationTypes.sortOrder) })
      .from(stationTypes)
      .where(eq(stationTypes.tenantId, tx.tenantId));
    await tx.insert(stationTypes).values({ ...values, sortOrder: (last?.value ?? -1) + 1 });
  },

  async dutyPosts(tx, item, { ownId, origin }) {
    const values = {
      name: String(item.theirs!.name),
      description: String(item.theirs!.description ?? "") || null,
      templateOrigin: origin,
    };
    if (ownId) {
      await tx
        .update(dutyPosts)
        .set(values)
        .where(and(eq(dutyPosts.tenantId, tx.tenantId), eq(dutyPosts.id, ownId)));
      return;
    }
    const [last] = await tx
      .select({ value: max(dutyPosts.sortOrder) })
      .from(dutyPosts)
      .where(eq(dutyPosts.tenantId, tx.tenantId));
    await tx.insert(dutyPosts).values({ ...values, sortOrder: (last?.value ?? -1) + 1 });
  },

  async workflows(tx, item, { ownId, origin, ctx, now }) {
    const result = validateDefinition(item.theirs!.definition, await countyValidationContext(tx));
    if (!result.ok) {
      throw new ValidationError(
        Object.fromEntries(result.errors.map((issue) => [`${item.id}.${issue.path}`, `designer.issues.${issue.code}`])),
        "errors.workflowInvalid",
      );
    }
    const definition = result.definition;
    await assertWorkflowNameFree(tx, definition.name["zh-CN"] ?? "", ownId ?? undefined);
    if (ownId) {
      // Running cases stay on their version; a version without a state they are in could never take them.
      const stranded = await tx
        .selectDistinct({ state: cases.state })
        .from(cases)
        .where(and(eq(cases.tenantId, tx.tenantId), eq(cases.workflowId, ownId), isNull(cases.closedAt)));
      const missing = stranded.map((c) => c.state).filter((state) => !Object.hasOwn(definition.states, state));
      if (missing.length > 0) {
        throw new ConflictError("templates.errors.statesInUse", undefined, {
          name: item.name,
          states: missing.join("、"),
        });
      }
      await tx
        .update(workflows)
        .set({
          draft: definition,
          draftRevision: sql`${workflows.draftRevision} + 1`,
          draftUpdatedBy: ctx.actor.userId,
          draftUpdatedAt: now,
          templateOrigin: origin,
        })
        .where(and(eq(workflows.tenantId, tx.tenantId), eq(workflows.id, ownId)));
      await publishVersion(tx, { workflowId: ownId, definition, userId: ctx.actor.userId, now });
      return;
    }
    // A workflow of the county's own (or one it archived) may hold the key cases know it by.
    const [keyTaken] = await tx
      .select({ id: workflows.id })
      .from(workflows)
      .where(and(eq(workflows.tenantId, tx.tenantId), eq(workflows.key, definition.key)));
    if (keyTaken) throw new ConflictError("templates.errors.nameClash", undefined, { name: item.name });
    const [workflow] = await tx
      .insert(workflows)
      .values({
        key: definition.key,
        name: definition.name,
        draft: definition,
        draftUpdatedBy: ctx.actor.userId,
        draftUpdatedAt: now,
        templateOrigin: origin,
        createdAt: now,
      })
      .returning({ id: workflows.id });
    await publishVersion(tx, { workflowId: workflow!.id, definition, userId: ctx.actor.userId, now });
  },
};
