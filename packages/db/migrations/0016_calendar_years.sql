CREATE TABLE "calendar_years" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_years_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
ALTER TABLE "calendar_years" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "calendar_years" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "calendar_years" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "calendar_years" TO app_user;--> statement-breakpoint
-- The worker rolls every county's calendar forward: it sees only which county holds which year.
GRANT SELECT ("tenant_id", "year") ON "calendar_years" TO app_worker;--> statement-breakpoint
CREATE POLICY "worker_year_scan" ON "calendar_years" AS PERMISSIVE FOR SELECT TO app_worker USING (true);--> statement-breakpoint
-- Counties onboarded before this table held 2026 from the notice and 2027 as computed.
INSERT INTO "calendar_years" ("tenant_id", "year", "status", "created_at")
  SELECT DISTINCT "tenant_id", extract(year from "day")::int,
    CASE WHEN extract(year from "day") <= 2026 THEN 'official' ELSE 'provisional' END, now()
  FROM "calendar_days";
