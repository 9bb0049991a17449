CREATE TABLE "deputy_pairs" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"deputy_id" uuid NOT NULL,
	"township_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"household_name" text NOT NULL,
	"address" text NOT NULL,
	"community" text,
	"phone" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deputy_pairs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "deputy_pairs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "pair_visits" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"pair_id" uuid NOT NULL,
	"deputy_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"form" text NOT NULL,
	"learned" text NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"case_id" uuid,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pair_visits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "pair_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "deputy_pairs" ADD CONSTRAINT "deputy_pairs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_pairs" ADD CONSTRAINT "deputy_pairs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_pairs" ADD CONSTRAINT "deputy_pairs_tenant_id_deputy_id_deputies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","deputy_id") REFERENCES "public"."deputies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deputy_pairs" ADD CONSTRAINT "deputy_pairs_tenant_id_township_id_townships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","township_id") REFERENCES "public"."townships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_visits" ADD CONSTRAINT "pair_visits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_visits" ADD CONSTRAINT "pair_visits_tenant_id_pair_id_deputy_pairs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","pair_id") REFERENCES "public"."deputy_pairs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_visits" ADD CONSTRAINT "pair_visits_tenant_id_deputy_id_deputies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","deputy_id") REFERENCES "public"."deputies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_visits" ADD CONSTRAINT "pair_visits_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deputy_pairs_tenant_id_deputy_id_index" ON "deputy_pairs" USING btree ("tenant_id","deputy_id");--> statement-breakpoint
CREATE INDEX "deputy_pairs_tenant_id_township_id_index" ON "deputy_pairs" USING btree ("tenant_id","township_id");--> statement-breakpoint
CREATE INDEX "pair_visits_tenant_id_pair_id_visited_on_index" ON "pair_visits" USING btree ("tenant_id","pair_id","visited_on");--> statement-breakpoint
CREATE INDEX "pair_visits_tenant_id_deputy_id_visited_on_index" ON "pair_visits" USING btree ("tenant_id","deputy_id","visited_on");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "deputy_pairs" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "pair_visits" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- hand-written: forced RLS and the app role's grants, as 0032 has them.
ALTER TABLE "deputy_pairs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "pair_visits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "deputy_pairs" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "pair_visits" TO app_user;
