ALTER TABLE "station_types" ADD COLUMN "intake_workflow_id" uuid;--> statement-breakpoint
ALTER TABLE "station_types" ADD CONSTRAINT "station_types_intake_workflow_fk" FOREIGN KEY ("tenant_id","intake_workflow_id") REFERENCES "public"."workflows"("tenant_id","id");
