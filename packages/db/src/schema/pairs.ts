import { pairKinds, pairVisitForms } from "@rdlink/vocabulary/pairs";
import { date, foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { deputies } from "./deputies";
import { tenants, users } from "./platform";
import { townships } from "./tenancy";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";
import { cases } from "./workflows";

export { pairKinds, pairVisitForms };

/**
 * 挂钩: one household a deputy is paired with — a 留守/困境儿童, a 低收入农户 or a 种养大户/小微企业 —
 * kept by the deputy's township. Its phone is the household's; pages show it masked.
 */
export const deputyPairs = pgTable(
  "deputy_pairs",
  {
    ...tenantColumns,
    deputyId: uuid().notNull(),
    /** The deputy's township when paired: whose operator keeps the pair. */
    townshipId: uuid().notNull(),
    kind: text({ enum: pairKinds }).notNull(),
    householdName: text().notNull(),
    address: text().notNull(),
    /** 村（社区）. */
    community: text(),
    phone: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.deputyId], foreignColumns: [deputies.tenantId, deputies.id] }),
    foreignKey({ columns: [t.tenantId, t.townshipId], foreignColumns: [townships.tenantId, townships.id] }),
    index().on(t.tenantId, t.deputyId),
    index().on(t.tenantId, t.townshipId),
    tenantIsolationPolicy(),
  ],
);

/** 走访: what a deputy learned visiting a paired household, with photos and the case it raised. */
export const pairVisits = pgTable(
  "pair_visits",
  {
    ...tenantColumns,
    pairId: uuid().notNull(),
    /** The pair's deputy, kept for the 履职档案's count. */
    deputyId: uuid().notNull(),
    visitedOn: date({ mode: "string" }).notNull(),
    form: text({ enum: pairVisitForms }).notNull(),
    learned: text().notNull(),
    photoIds: jsonb().$type<string[]>().notNull().default([]),
    /** The opinion case raised from the visit (反映群众意见), channel `pair`. */
    caseId: uuid(),
    recordedBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.pairId], foreignColumns: [deputyPairs.tenantId, deputyPairs.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.tenantId, t.deputyId], foreignColumns: [deputies.tenantId, deputies.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    index().on(t.tenantId, t.pairId, t.visitedOn),
    index().on(t.tenantId, t.deputyId, t.visitedOn),
    tenantIsolationPolicy(),
  ],
);
