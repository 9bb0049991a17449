CREATE TABLE "activities" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"people_received" integer DEFAULT 0 NOT NULL,
	"summary" text NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "activities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "activity_deputies" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	CONSTRAINT "activity_deputies_tenant_id_activity_id_deputy_id_pk" PRIMARY KEY("tenant_id","activity_id","deputy_id")
);
--> statement-breakpoint
ALTER TABLE "activity_deputies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "deputies" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"term" text,
	"constituency" text,
	"township_id" uuid NOT NULL,
	"sector" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"phone" text,
	"gender" text,
	"user_id" uuid,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deputies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "deputies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "deputy_stations" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	CONSTRAINT "deputy_stations_tenant_id_deputy_id_station_id_pk" PRIMARY KEY("tenant_id","deputy_id","station_id")
);
--> statement-breakpoint
ALTER TABLE "deputy_stations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "files" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"stored_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer,
	"height" integer,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "files_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "files" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "grid_deputies" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"grid_id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	CONSTRAINT "grid_deputies_tenant_id_grid_id_deputy_id_pk" PRIMARY KEY("tenant_id","grid_id","deputy_id")
);
--> statement-breakpoint
ALTER TABLE "grid_deputies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "grids" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grids_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "grids_tenantId_communityId_name_unique" UNIQUE("tenant_id","community_id","name")
);
--> statement-breakpoint
ALTER TABLE "grids" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "handling_units" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handling_units_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "handling_units_tenantId_name_unique" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
ALTER TABLE "handling_units" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "post_claims" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"station_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"statement" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "post_claims_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "post_claims" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "station_checklist_items" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"item" text NOT NULL,
	"met" text NOT NULL,
	"note" text,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_checklist_items_tenant_id_station_id_item_pk" PRIMARY KEY("tenant_id","station_id","item")
);
--> statement-breakpoint
ALTER TABLE "station_checklist_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "station_liaisons" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "station_liaisons_tenant_id_station_id_user_id_pk" PRIMARY KEY("tenant_id","station_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "station_liaisons" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "station_posts" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	CONSTRAINT "station_posts_tenant_id_station_id_post_id_pk" PRIMARY KEY("tenant_id","station_id","post_id")
);
--> statement-breakpoint
ALTER TABLE "station_posts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stations" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"station_type_id" uuid NOT NULL,
	"township_id" uuid NOT NULL,
	"community_id" uuid,
	"name" text NOT NULL,
	"address" text,
	"latitude" text,
	"longitude" text,
	"head_deputy_id" uuid,
	"theme" text,
	"reception_schedule" text,
	"partners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"custom_values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "stations_tenantId_townshipId_name_unique" UNIQUE("tenant_id","township_id","name")
);
--> statement-breakpoint
ALTER TABLE "stations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "station_types" ADD COLUMN "custom_fields" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "station_types" ADD COLUMN "intake_fields" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_tenant_id_station_id_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."stations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_deputies" ADD CONSTRAINT "activity_deputies_tenant_id_activity_id_activities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_deputies" ADD CONSTRAINT "activity_deputies_tenant_id_deputy_id_deputies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","deputy_id") REFERENCES "public"."deputies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputies" ADD CONSTRAINT "deputies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputies" ADD CONSTRAINT "deputies_tenant_id_township_id_townships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","township_id") REFERENCES "public"."townships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_stations" ADD CONSTRAINT "deputy_stations_tenant_id_deputy_id_deputies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","deputy_id") REFERENCES "public"."deputies"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_stations" ADD CONSTRAINT "deputy_stations_tenant_id_station_id_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."stations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_deputies" ADD CONSTRAINT "grid_deputies_tenant_id_grid_id_grids_tenant_id_id_fk" FOREIGN KEY ("tenant_id","grid_id") REFERENCES "public"."grids"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_deputies" ADD CONSTRAINT "grid_deputies_tenant_id_deputy_id_deputies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","deputy_id") REFERENCES "public"."deputies"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_tenant_id_community_id_communities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","community_id") REFERENCES "public"."communities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handling_units" ADD CONSTRAINT "handling_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_claims" ADD CONSTRAINT "post_claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_claims" ADD CONSTRAINT "post_claims_tenant_id_station_id_post_id_station_posts_tenant_id_station_id_post_id_fk" FOREIGN KEY ("tenant_id","station_id","post_id") REFERENCES "public"."station_posts"("tenant_id","station_id","post_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_claims" ADD CONSTRAINT "post_claims_tenant_id_deputy_id_deputies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","deputy_id") REFERENCES "public"."deputies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_checklist_items" ADD CONSTRAINT "station_checklist_items_tenant_id_station_id_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."stations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_liaisons" ADD CONSTRAINT "station_liaisons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_liaisons" ADD CONSTRAINT "station_liaisons_tenant_id_station_id_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."stations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_posts" ADD CONSTRAINT "station_posts_tenant_id_station_id_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."stations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_posts" ADD CONSTRAINT "station_posts_tenant_id_post_id_duty_posts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","post_id") REFERENCES "public"."duty_posts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_tenant_id_station_type_id_station_types_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_type_id") REFERENCES "public"."station_types"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_tenant_id_township_id_townships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","township_id") REFERENCES "public"."townships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_tenant_id_community_id_communities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","community_id") REFERENCES "public"."communities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_tenant_id_head_deputy_id_deputies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","head_deputy_id") REFERENCES "public"."deputies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_tenant_id_station_id_day_index" ON "activities" USING btree ("tenant_id","station_id","day");--> statement-breakpoint
CREATE INDEX "deputies_tenant_id_township_id_index" ON "deputies" USING btree ("tenant_id","township_id");--> statement-breakpoint
CREATE INDEX "deputies_tenant_id_name_index" ON "deputies" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "deputy_stations_tenant_id_station_id_index" ON "deputy_stations" USING btree ("tenant_id","station_id");--> statement-breakpoint
CREATE INDEX "post_claims_tenant_id_station_id_index" ON "post_claims" USING btree ("tenant_id","station_id");--> statement-breakpoint
CREATE INDEX "stations_tenant_id_township_id_index" ON "stations" USING btree ("tenant_id","township_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "activities" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "activity_deputies" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "deputies" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "deputy_stations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "files" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "grid_deputies" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "grids" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "handling_units" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "post_claims" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "station_checklist_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "station_liaisons" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "station_posts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "stations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);