ALTER TABLE "files" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deputies" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "stations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "station_liaisons" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deputy_stations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "station_checklist_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "station_posts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "post_claims" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "grids" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "grid_deputies" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "handling_units" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activities" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activity_deputies" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  "files", "deputies", "stations", "station_liaisons", "deputy_stations", "station_checklist_items",
  "station_posts", "post_claims", "grids", "grid_deputies", "handling_units", "activities", "activity_deputies"
  TO app_user;
