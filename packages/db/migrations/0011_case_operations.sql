CREATE TABLE "api_keys" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_by" uuid,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notifications" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"case_id" uuid,
	"template" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"outbox_id" uuid,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "notifications_tenantId_outboxId_userId_unique" UNIQUE("tenant_id","outbox_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "station_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "tracking_code" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "submitter_name" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "submitter_phone" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "intake_key" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "handling_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "assignee_role" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "assignee_scope" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "warn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "overdue_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "satisfaction" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_tenant_id_user_id_created_at_index" ON "notifications" USING btree ("tenant_id","user_id","created_at");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_station_id_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."stations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_handling_unit_id_handling_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","handling_unit_id") REFERENCES "public"."handling_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenant_id_merged_into_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","merged_into_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_inbox_idx" ON "cases" USING btree ("tenant_id","assignee_role","township_id","due_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "cases_unit_inbox_idx" ON "cases" USING btree ("tenant_id","handling_unit_id","due_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "cases_tenant_id_created_at_index" ON "cases" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_tenant_id_station_id_created_at_index" ON "cases" USING btree ("tenant_id","station_id","created_at");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenantId_trackingCode_unique" UNIQUE("tenant_id","tracking_code");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_tenantId_intakeKey_unique" UNIQUE("tenant_id","intake_key");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "api_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "notifications" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "notifications", "api_keys", "rate_limits" TO app_user;
