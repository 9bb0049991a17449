ALTER TABLE "cases" ADD COLUMN "deputy_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
-- Suggestions merged before: the deputies of the stations their opinions came from.
UPDATE "cases" s SET "deputy_ids" = array(
    SELECT DISTINCT ds."deputy_id" FROM "cases" o
    JOIN "deputy_stations" ds ON ds."tenant_id" = o."tenant_id" AND ds."station_id" = o."station_id"
    WHERE o."tenant_id" = s."tenant_id" AND o."merged_into_id" = s."id")
  WHERE EXISTS (SELECT 1 FROM "cases" o WHERE o."tenant_id" = s."tenant_id" AND o."merged_into_id" = s."id");
