CREATE TABLE "consultation_articles" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"chapter" text,
	"heading" text NOT NULL,
	"body" text NOT NULL,
	"opinion" text,
	CONSTRAINT "consultation_articles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "consultation_articles_tenantId_consultationId_position_unique" UNIQUE("tenant_id","consultation_id","position")
);
--> statement-breakpoint
ALTER TABLE "consultation_articles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultation_comments" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"article_id" uuid,
	"content" text NOT NULL,
	"channel" text NOT NULL,
	"people_count" integer DEFAULT 1 NOT NULL,
	"submitter_name" text,
	"submitter_phone" text,
	"consent_at" timestamp with time zone,
	"tracking_code" text,
	"intake_key" text,
	"intake_fingerprint" text,
	"merged_into_id" uuid,
	"fate" text,
	"fate_reason" text,
	"fate_at" timestamp with time zone,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_comments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "consultation_comments_tenantId_trackingCode_unique" UNIQUE("tenant_id","tracking_code"),
	CONSTRAINT "consultation_comments_tenantId_intakeKey_unique" UNIQUE("tenant_id","intake_key")
);
--> statement-breakpoint
ALTER TABLE "consultation_comments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "consultations" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"public_code" text NOT NULL,
	"title" text NOT NULL,
	"issuing_body" text NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "consultations_tenantId_publicCode_unique" UNIQUE("tenant_id","public_code"),
	CONSTRAINT "consultations_tenantId_caseId_unique" UNIQUE("tenant_id","case_id")
);
--> statement-breakpoint
ALTER TABLE "consultations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consultation_articles" ADD CONSTRAINT "consultation_articles_tenant_id_consultation_id_consultations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","consultation_id") REFERENCES "public"."consultations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_tenant_id_consultation_id_consultations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","consultation_id") REFERENCES "public"."consultations"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_tenant_id_article_id_consultation_articles_tenant_id_id_fk" FOREIGN KEY ("tenant_id","article_id") REFERENCES "public"."consultation_articles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_comments" ADD CONSTRAINT "consultation_comments_tenant_id_merged_into_id_consultation_comments_tenant_id_id_fk" FOREIGN KEY ("tenant_id","merged_into_id") REFERENCES "public"."consultation_comments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_tenant_id_station_id_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."stations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_comments_tenant_id_consultation_id_index" ON "consultation_comments" USING btree ("tenant_id","consultation_id");--> statement-breakpoint
CREATE INDEX "consultations_tenant_id_station_id_index" ON "consultations" USING btree ("tenant_id","station_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "consultation_articles" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "consultation_comments" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "consultations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- hand-written: RLS forced on the owner too, and the app role's grants (as every tenant table).
ALTER TABLE "consultations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consultation_articles" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consultation_comments" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "consultations" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "consultation_articles" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "consultation_comments" TO app_user;
