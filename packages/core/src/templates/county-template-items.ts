import { checklists, dutyPosts, stationTypes, type TenantTx, type TTemplateOrigin, workflows } from "@rdlink/db";
import { canonicalJson } from "@rdlink/workflow";
import { and, eq, isNull } from "drizzle-orm";
import type { TTemplateSetContent } from "./template-content";

export const TEMPLATE_SECTIONS = ["checklists", "stationTypes", "dutyPosts", "workflows"] as const;
export type TTemplateSection = (typeof TEMPLATE_SECTIONS)[number];
type TItemOf<S extends TTemplateSection> = TTemplateSetContent[S][number];

/** A county's item that came from the library: its row, where it came from, and its content in the set's shape. */
export type CountyTemplateItem = {
  id: string;
  origin: TTemplateOrigin;
  content: Record<string, unknown>;
  /** A workflow's drawing (not compared: moving a state changes nothing a county runs). */
  layout?: unknown;
};

/**
 * What of an item an upgrade compares and copies: the content a county sees, without the key
 * (which never changes) and, for station types, with the standard named by its key.
 */
export function comparable(section: TTemplateSection, item: TItemOf<TTemplateSection>): Record<string, unknown> {
  const { key: _key, ...content } = item as { key: string } & Record<string, unknown>;
  if (section === "workflows") return { definition: (content as { definition: unknown }).definition };
  return content;
}

export const sameContent = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * The county's live (not archived) items copied from this set, by section and item key, in the
 * set's shape: what an upgrade compares with the version they came from and the newer one.
 */
export async function countyTemplateItems(tx: TenantTx, setId: string) {
  const fromSet = (origin: TTemplateOrigin | null): origin is TTemplateOrigin => origin?.setId === setId;
  const lists = await tx
    .select()
    .from(checklists)
    .where(and(eq(checklists.tenantId, tx.tenantId), isNull(checklists.archivedAt)));
  const listKey = new Map(lists.flatMap((l) => (fromSet(l.templateOrigin) ? [[l.id, l.templateOrigin.itemKey]] : [])));
  const types = await tx
    .select()
    .from(stationTypes)
    .where(and(eq(stationTypes.tenantId, tx.tenantId), isNull(stationTypes.archivedAt)));
  const posts = await tx
    .select()
    .from(dutyPosts)
    .where(and(eq(dutyPosts.tenantId, tx.tenantId), isNull(dutyPosts.archivedAt)));
  const flows = await tx
    .select()
    .from(workflows)
    .where(and(eq(workflows.tenantId, tx.tenantId), isNull(workflows.archivedAt)));
  const bySection: Record<TTemplateSection, Map<string, CountyTemplateItem>> = {
    checklists: new Map(),
    stationTypes: new Map(),
    dutyPosts: new Map(),
    workflows: new Map(),
  };
  const put = (
    section: TTemplateSection,
    id: string,
    origin: TTemplateOrigin | null,
    content: Record<string, unknown>,
    layout?: unknown,
  ) => {
    if (fromSet(origin)) bySection[section].set(origin.itemKey, { id, origin, content, layout });
  };
  for (const l of lists) put("checklists", l.id, l.templateOrigin, { name: l.name, items: l.items });
  for (const s of types)
    put("stationTypes", s.id, s.templateOrigin, {
      name: s.name,
      // A standard the county made itself has no key in the set: it reads as a change.
      checklistKey: s.checklistId ? (listKey.get(s.checklistId) ?? `county:${s.checklistId}`) : null,
      intakeFields: s.intakeFields,
      customFields: s.customFields,
    });
  for (const p of posts) put("dutyPosts", p.id, p.templateOrigin, { name: p.name, description: p.description ?? "" });
  // A workflow's content is its draft: what the county has drawn, published or not.
  for (const w of flows) put("workflows", w.id, w.templateOrigin, { definition: w.draft }, w.draftLayout);
  return bySection;
}
