CREATE INDEX "cases_unit_idx" ON "cases" USING btree ("tenant_id","handling_unit_id","due_at");--> statement-breakpoint
CREATE INDEX "cases_co_units_idx" ON "cases" USING gin ("co_handling_unit_ids");