-- The 考核's months of one kind and a county sorted by one kind, read from the index alone (decision 0033).
CREATE INDEX "activity_deputies_kind_day_index" ON "activity_deputies" USING btree ("tenant_id","kind","day","deputy_id");
