import { commentChannels, commentFates } from "@rdlink/vocabulary/consultation-comments";
import {
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { tenants, users } from "./platform";
import { stations } from "./stations";
import { createdAt, tenantColumns, tenantIsolationPolicy } from "./tenant-table";
import { cases } from "./workflows";

export { commentChannels, commentFates };

/**
 * 法规草案意见征集 at a 基层立法联系点: one draft put out for comments. It is a case of the
 * county's workflow of kind "consultation" (`caseId`); what the case cannot hold — the draft's
 * articles, the comments, the feedback — lives here.
 */
export const consultations = pgTable(
  "consultations",
  {
    ...tenantColumns,
    caseId: uuid().notNull(),
    stationId: uuid().notNull(),
    /** The public page's code, `/c/<county division code>-<code>`: on the QR code. */
    publicCode: text().notNull(),
    title: text().notNull(),
    /** 征求意见的机关, e.g. 省人大常委会法工委. */
    issuingBody: text().notNull(),
    /** The last day comments are taken (Asia/Shanghai). */
    closesOn: date({ mode: "string" }).notNull(),
    /** Closed by staff before the deadline. */
    closedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    foreignKey({ columns: [t.tenantId, t.stationId], foreignColumns: [stations.tenantId, stations.id] }),
    unique().on(t.tenantId, t.publicCode),
    unique().on(t.tenantId, t.caseId),
    index().on(t.tenantId, t.stationId),
    tenantIsolationPolicy(),
  ],
);

/** One article (第…条) of the draft, in order, with its chapter and the point's opinion on it. */
export const consultationArticles = pgTable(
  "consultation_articles",
  {
    ...tenantColumns,
    consultationId: uuid().notNull(),
    position: integer().notNull(),
    /** 第一章 总则, when the draft has chapters. */
    chapter: text(),
    /** 第一条 */
    heading: text().notNull(),
    body: text().notNull(),
    /** 联系点意见: what the point makes of the comments on this article. */
    opinion: text(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.consultationId],
      foreignColumns: [consultations.tenantId, consultations.id],
    }).onDelete("cascade"),
    unique().on(t.tenantId, t.consultationId, t.position),
    tenantIsolationPolicy(),
  ],
);

/**
 * A comment on one article (or on the whole draft when `articleId` is null): sent on the public
 * page by one person, or entered by staff for a tea talk, meeting or WeChat group (`peopleCount`).
 * A duplicate points at the comment it was merged into and shares its fate.
 */
export const consultationComments = pgTable(
  "consultation_comments",
  {
    ...tenantColumns,
    consultationId: uuid().notNull(),
    articleId: uuid(),
    content: text().notNull(),
    channel: text({ enum: commentChannels }).notNull(),
    peopleCount: integer().notNull().default(1),
    submitterName: text(),
    submitterPhone: text(),
    /** When the commenter agreed that their name and phone be kept (only with a name or phone). */
    consentAt: timestamp({ withTimezone: true }),
    /** The commenter's tracking code (public comments). */
    trackingCode: text(),
    intakeKey: text(),
    intakeFingerprint: text(),
    mergedIntoId: uuid(),
    fate: text({ enum: commentFates }),
    fateReason: text(),
    fateAt: timestamp({ withTimezone: true }),
    enteredBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.consultationId],
      foreignColumns: [consultations.tenantId, consultations.id],
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.tenantId, t.articleId],
      foreignColumns: [consultationArticles.tenantId, consultationArticles.id],
    }),
    foreignKey({ columns: [t.tenantId, t.mergedIntoId], foreignColumns: [t.tenantId, t.id] }),
    unique().on(t.tenantId, t.trackingCode),
    unique().on(t.tenantId, t.intakeKey),
    index().on(t.tenantId, t.consultationId),
    tenantIsolationPolicy(),
  ],
);
