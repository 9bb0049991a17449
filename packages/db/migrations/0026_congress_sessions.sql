CREATE TABLE "congress_sessions" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"term" integer NOT NULL,
	"meeting" integer NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "congress_sessions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "congress_sessions_tenantId_name_unique" UNIQUE("tenant_id","name"),
	CONSTRAINT "congress_sessions_tenantId_term_meeting_unique" UNIQUE("tenant_id","term","meeting")
);
--> statement-breakpoint
ALTER TABLE "congress_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "suggestions" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"number" text NOT NULL,
	"sector" text,
	"received_on" date NOT NULL,
	"lead_deputy_id" uuid NOT NULL,
	"co_deputy_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "suggestions_tenantId_caseId_unique" UNIQUE("tenant_id","case_id"),
	CONSTRAINT "suggestions_tenantId_sessionId_number_unique" UNIQUE("tenant_id","session_id","number")
);
--> statement-breakpoint
ALTER TABLE "suggestions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "congress_sessions" ADD CONSTRAINT "congress_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_tenant_id_session_id_congress_sessions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","session_id") REFERENCES "public"."congress_sessions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestions" ADD CONSTRAINT "suggestions_tenant_id_lead_deputy_id_deputies_tenant_id_id_fk" FOREIGN KEY ("tenant_id","lead_deputy_id") REFERENCES "public"."deputies"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "suggestions_tenant_id_lead_deputy_id_index" ON "suggestions" USING btree ("tenant_id","lead_deputy_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "congress_sessions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "suggestions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "congress_sessions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "suggestions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "congress_sessions" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "suggestions" TO app_user;
