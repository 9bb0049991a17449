import { assertCan } from "@rdlink/auth";
import { type TenantTx, templateSets, templateSetVersions, tenants } from "@rdlink/db";
import { desc, eq, inArray } from "drizzle-orm";
import type { UseCaseContext } from "../shared/context";
import {
  comparable,
  countyTemplateItems,
  sameContent,
  TEMPLATE_SECTIONS,
  type TTemplateSection,
} from "./county-template-items";
import { type TTemplateSetContent, type TTemplateWorkflow, ZTemplateSetContent } from "./template-content";

/** One item of an upgrade: what the newer version does to it, and what the county did meanwhile. */
export type TTemplateUpgradeItem = {
  /** `section:key`, what the county accepts by. */
  id: string;
  section: TTemplateSection;
  key: string;
  name: string;
  change: "added" | "changed" | "removed";
  /** The county's copy: as it came (`unchanged`), edited since (`changed`), or gone (`missing`). */
  local: "unchanged" | "changed" | "missing";
  /** The county's content now, and the newer version's (null where there is none). */
  ours: Record<string, unknown> | null;
  theirs: Record<string, unknown> | null;
  /** A changed workflow the county has, as both sides are drawn: the designer marks one against the other. */
  drawing?: { ours: TDrawnWorkflow; theirs: TDrawnWorkflow };
};
type TDrawnWorkflow = { definition: unknown; layout: unknown };

/**
 * The newer version of the county's template set, item by item against the version the county
 * took (decision 0037), or null when the county is on the newest. Nothing changes in the county
 * until its admin applies it (applyTemplateUpgrade).
 */
export async function getTemplateUpgrade(tx: TenantTx, ctx: UseCaseContext) {
  assertCan(ctx.actor, "tenant.templates.upgrade", { tenantId: tx.tenantId });
  const [tenant] = await tx
    .select({ versionId: tenants.templateSetVersionId })
    .from(tenants)
    .where(eq(tenants.id, tx.tenantId));
  if (!tenant?.versionId) return null;
  const [current] = await tx.select().from(templateSetVersions).where(eq(templateSetVersions.id, tenant.versionId));
  if (!current) return null;
  const [newest] = await tx
    .select()
    .from(templateSetVersions)
    .where(eq(templateSetVersions.setId, current.setId))
    .orderBy(desc(templateSetVersions.version))
    .limit(1);
  if (!newest || newest.version <= current.version) return null;
  const [set] = await tx
    .select({ name: templateSets.name })
    .from(templateSets)
    .where(eq(templateSets.id, current.setId));

  const base = ZTemplateSetContent.parse(current.content);
  const next = ZTemplateSetContent.parse(newest.content);
  const county = await countyTemplateItems(tx, current.setId);
  // A county item is compared with the version it was last taken from (it may be older than `base`).
  const originVersions = new Set(
    TEMPLATE_SECTIONS.flatMap((section) => [...county[section].values()].map((item) => item.origin.version)),
  );
  const origins = await contentsOf(tx, current.setId, originVersions);

  const items: TTemplateUpgradeItem[] = [];
  for (const section of TEMPLATE_SECTIONS) {
    const before = new Map(base[section].map((item) => [item.key, item]));
    const after = new Map(next[section].map((item) => [item.key, item]));
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const was = before.get(key);
      const will = after.get(key);
      const change = !was
        ? "added"
        : !will
          ? "removed"
          : sameContent(comparable(section, was), comparable(section, will))
            ? null
            : "changed";
      if (!change) continue;
      const ours = county[section].get(key);
      const taken = ours ? origins.get(ours.origin.version)?.[section].find((item) => item.key === key) : undefined;
      const local = !ours
        ? "missing"
        : taken && sameContent(comparable(section, taken), ours.content)
          ? "unchanged"
          : "changed";
      // A county that already has exactly what the new version has needs nothing.
      if (ours && will && sameContent(ours.content, comparable(section, will))) continue;
      items.push({
        id: `${section}:${key}`,
        section,
        key,
        name: nameOf(section, will ?? was!),
        change,
        local,
        ours: ours?.content ?? null,
        theirs: will ? comparable(section, will) : null,
        ...(section === "workflows" && ours && will
          ? {
              drawing: {
                ours: { definition: ours.content.definition, layout: ours.layout },
                theirs: {
                  definition: (will as TTemplateWorkflow).definition,
                  layout: (will as TTemplateWorkflow).layout,
                },
              },
            }
          : {}),
      });
    }
  }
  return {
    setName: set?.name ?? "",
    from: current.version,
    to: newest.version,
    toVersionId: newest.id,
    note: newest.note,
    items,
    /** Standards by key, for station types that name one (the county's own: `county:<id>`). */
    standardNames: Object.fromEntries([...base.checklists, ...next.checklists].map((c) => [c.key, c.name])),
  };
}

export type TTemplateUpgrade = NonNullable<Awaited<ReturnType<typeof getTemplateUpgrade>>>;

async function contentsOf(tx: TenantTx, setId: string, versions: Set<number>) {
  const rows =
    versions.size === 0
      ? []
      : await tx
          .select({
            setId: templateSetVersions.setId,
            version: templateSetVersions.version,
            content: templateSetVersions.content,
          })
          .from(templateSetVersions)
          .where(inArray(templateSetVersions.version, [...versions]));
  return new Map<number, TTemplateSetContent>(
    rows.filter((row) => row.setId === setId).map((row) => [row.version, ZTemplateSetContent.parse(row.content)]),
  );
}

function nameOf(section: TTemplateSection, item: TTemplateSetContent[TTemplateSection][number]): string {
  if (section === "workflows") {
    const name = (item as { definition: { name?: Record<string, string> } }).definition.name;
    return name?.["zh-CN"] ?? item.key;
  }
  return (item as { name: string }).name;
}
