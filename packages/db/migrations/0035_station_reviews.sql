CREATE TABLE "station_review_items" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"item" text NOT NULL,
	"met" text,
	"note" text,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"score_a" double precision,
	"score_b" double precision,
	"returned_reason" text,
	"returned_at" timestamp with time zone,
	CONSTRAINT "station_review_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "station_review_items_tenantId_reviewId_stationId_item_unique" UNIQUE("tenant_id","review_id","station_id","item")
);
--> statement-breakpoint
ALTER TABLE "station_review_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "station_review_stations" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"township_id" uuid NOT NULL,
	"outcome" text,
	"model_level" text,
	"model_year" integer,
	"rectify_by" date,
	"decided_at" timestamp with time zone,
	CONSTRAINT "station_review_stations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "station_review_stations_tenantId_reviewId_stationId_unique" UNIQUE("tenant_id","review_id","station_id")
);
--> statement-breakpoint
ALTER TABLE "station_review_stations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "station_reviews" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"checklist_id" uuid NOT NULL,
	"standard_name" text NOT NULL,
	"items" jsonb NOT NULL,
	"reviewer_a_id" uuid NOT NULL,
	"reviewer_b_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_reviews_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "station_reviews_tenantId_year_title_unique" UNIQUE("tenant_id","year","title")
);
--> statement-breakpoint
ALTER TABLE "station_reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "station_review_items" ADD CONSTRAINT "station_review_items_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_review_items" ADD CONSTRAINT "station_review_items_tenant_id_review_id_station_reviews_tenant_id_id_fk" FOREIGN KEY ("tenant_id","review_id") REFERENCES "public"."station_reviews"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_review_items" ADD CONSTRAINT "station_review_items_tenant_id_station_id_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."stations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_review_stations" ADD CONSTRAINT "station_review_stations_tenant_id_review_id_station_reviews_tenant_id_id_fk" FOREIGN KEY ("tenant_id","review_id") REFERENCES "public"."station_reviews"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_review_stations" ADD CONSTRAINT "station_review_stations_tenant_id_station_id_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."stations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_review_stations" ADD CONSTRAINT "station_review_stations_tenant_id_township_id_townships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","township_id") REFERENCES "public"."townships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_reviews" ADD CONSTRAINT "station_reviews_reviewer_a_id_users_id_fk" FOREIGN KEY ("reviewer_a_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_reviews" ADD CONSTRAINT "station_reviews_reviewer_b_id_users_id_fk" FOREIGN KEY ("reviewer_b_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_reviews" ADD CONSTRAINT "station_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_reviews" ADD CONSTRAINT "station_reviews_tenant_id_checklist_id_checklists_tenant_id_id_fk" FOREIGN KEY ("tenant_id","checklist_id") REFERENCES "public"."checklists"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "station_review_stations_tenant_id_station_id_index" ON "station_review_stations" USING btree ("tenant_id","station_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "station_review_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "station_review_stations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "station_reviews" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- hand-written: forced RLS and the app role's grants, as 0032 has them.
ALTER TABLE "station_reviews" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "station_review_stations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "station_review_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "station_reviews" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "station_review_stations" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "station_review_items" TO app_user;
