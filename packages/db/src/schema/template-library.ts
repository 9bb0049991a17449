import { integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants, users } from "./platform";
import { createdAt } from "./tenant-table";

/*
 * The platform's template library (global tables, decision 0037): sets of station types,
 * standards, duty posts and workflows that counties are onboarded from. A set is edited as a
 * draft and published as immutable numbered versions, like a county's workflow.
 */

/** A template set: the platform default, or a province's own model (江西 "五有", 来宾模式…). */
export const templateSets = pgTable("template_sets", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  description: text().notNull().default(""),
  /** The content being edited (TTemplateSetContent); published versions are copies. */
  draft: jsonb().$type<unknown>().notNull(),
  /** Incremented by every save; a save based on an older revision is a conflict. */
  draftRevision: integer().notNull().default(1),
  draftUpdatedBy: uuid().references(() => users.id),
  draftUpdatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
});

/** Immutable once published: counties onboarded from a version keep a reference to it. */
export const templateSetVersions = pgTable(
  "template_set_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    setId: uuid()
      .notNull()
      .references(() => templateSets.id),
    version: integer().notNull(),
    content: jsonb().$type<unknown>().notNull(),
    contentHash: text().notNull(),
    /** What changed, in the operator's words (shown to counties with the upgrade). */
    note: text().notNull().default(""),
    publishedBy: uuid().references(() => users.id),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.setId, t.version)],
);

/**
 * Where a county's station type, standard, duty post or workflow was copied from: the
 * set, its version and the item's key in it. No foreign key: a county moved from another
 * deployment keeps the origin it had there.
 */
export type TTemplateOrigin = { setId: string; version: number; itemKey: string };

/**
 * A county's workflow offered to the platform's library (a global table, read by the
 * operator across counties): a copy of the county's published version as it was when
 * proposed. RLS lets a county see its own proposals only; the platform (no county set) all.
 */
export const templateProposals = pgTable("template_proposals", {
  id: uuid().primaryKey().defaultRandom(),
  /** Not `tenant_id`: the row belongs to the platform, which is why it is not distributed. */
  fromTenantId: uuid()
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  workflowKey: text().notNull(),
  /** The county's published version copied. */
  fromVersion: integer().notNull(),
  definition: jsonb().$type<unknown>().notNull(),
  layout: jsonb().$type<unknown>().notNull(),
  /** Why the county proposes it, in its own words. */
  note: text().notNull().default(""),
  /** Who proposed, by name: the county's accounts go when the county is erased, the name with the row. */
  proposedByName: text().notNull(),
  proposedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  status: text({ enum: ["pending", "adopted", "declined"] })
    .notNull()
    .default("pending"),
  reviewedBy: uuid().references(() => users.id),
  reviewedAt: timestamp({ withTimezone: true }),
  /** The operator's answer, shown to the county. */
  reviewNote: text().notNull().default(""),
  adoptedIntoSetId: uuid().references(() => templateSets.id),
});
