DROP INDEX "activities_tenant_id_station_id_day_index";--> statement-breakpoint
DROP INDEX "activities_tenant_id_township_id_day_index";--> statement-breakpoint
DROP INDEX "activities_tenant_id_day_index";--> statement-breakpoint
CREATE INDEX "activities_tenant_id_station_id_day_created_at_index" ON "activities" USING btree ("tenant_id","station_id","day","created_at");--> statement-breakpoint
CREATE INDEX "activities_tenant_id_township_id_day_created_at_index" ON "activities" USING btree ("tenant_id","township_id","day","created_at");--> statement-breakpoint
CREATE INDEX "activities_tenant_id_day_created_at_index" ON "activities" USING btree ("tenant_id","day","created_at");