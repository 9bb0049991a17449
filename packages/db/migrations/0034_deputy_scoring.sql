CREATE TABLE "deputy_score_tables" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	CONSTRAINT "deputy_score_tables_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "deputy_score_tables_tenantId_year_unique" UNIQUE("tenant_id","year")
);
--> statement-breakpoint
ALTER TABLE "deputy_score_tables" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "deputy_scoring_rules" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"figure" text NOT NULL,
	"points" numeric(5, 1) NOT NULL,
	"cap" numeric(6, 1),
	"monthly_minimum" integer,
	"monthly_deduction" numeric(5, 1),
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deputy_scoring_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "deputy_scoring_rules_points" CHECK ("deputy_scoring_rules"."points" > 0)
);
--> statement-breakpoint
ALTER TABLE "deputy_scoring_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deputy_score_tables" ADD CONSTRAINT "deputy_score_tables_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_score_tables" ADD CONSTRAINT "deputy_score_tables_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_scoring_rules" ADD CONSTRAINT "deputy_scoring_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_scoring_rules" ADD CONSTRAINT "deputy_scoring_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "deputy_score_tables" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "deputy_scoring_rules" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- hand-written: RLS forced on the owner too, and the app role's grants (rules are removed, a published table unpublished).
ALTER TABLE "deputy_scoring_rules" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deputy_score_tables" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "deputy_scoring_rules" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "deputy_score_tables" TO app_user;
