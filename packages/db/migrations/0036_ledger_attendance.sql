-- activity_deputies copies its entry's day, kind and 接待人次 (decision 0031), held equal to the
-- entry's by a foreign key over them.
ALTER TABLE "activities" ADD CONSTRAINT "activities_attendance_key" UNIQUE("tenant_id","id","day","kind","people_received");--> statement-breakpoint
ALTER TABLE "activity_deputies" ADD COLUMN "day" date;--> statement-breakpoint
ALTER TABLE "activity_deputies" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "activity_deputies" ADD COLUMN "people_received" integer;--> statement-breakpoint
UPDATE "activity_deputies" SET "day" = a."day", "kind" = a."kind", "people_received" = a."people_received"
  FROM "activities" a WHERE a."tenant_id" = "activity_deputies"."tenant_id" AND a."id" = "activity_deputies"."activity_id";--> statement-breakpoint
ALTER TABLE "activity_deputies" ALTER COLUMN "day" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_deputies" ALTER COLUMN "kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_deputies" ALTER COLUMN "people_received" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_deputies" DROP CONSTRAINT "activity_deputies_tenant_id_activity_id_activities_tenant_id_id_fk";--> statement-breakpoint
ALTER TABLE "activity_deputies" ADD CONSTRAINT "activity_deputies_attendance_fk" FOREIGN KEY ("tenant_id","activity_id","day","kind","people_received") REFERENCES "public"."activities"("tenant_id","id","day","kind","people_received") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DROP INDEX "activity_deputies_tenant_id_deputy_id_index";--> statement-breakpoint
CREATE INDEX "activity_deputies_tenant_id_day_index" ON "activity_deputies" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "activity_deputies_tenant_id_deputy_id_day_index" ON "activity_deputies" USING btree ("tenant_id","deputy_id","day");
