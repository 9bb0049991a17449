ALTER TABLE "cases" ADD COLUMN "kind" text DEFAULT 'custom' NOT NULL;--> statement-breakpoint
UPDATE "cases" c SET "kind" = v."kind"
  FROM "workflow_versions" v
  WHERE v."tenant_id" = c."tenant_id" AND v."id" = c."version_id";
