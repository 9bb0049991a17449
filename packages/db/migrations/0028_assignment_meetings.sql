CREATE TABLE "assignment_meetings" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"name" text NOT NULL,
	"held_on" date NOT NULL,
	"attendees" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"assigned_at" timestamp with time zone,
	"assigned_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_meetings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "assignment_meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "assignment_proposals" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"lead_unit_id" uuid NOT NULL,
	"co_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"key_supervision" boolean DEFAULT false NOT NULL,
	"assigned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_proposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "assignment_proposals_tenantId_meetingId_caseId_unique" UNIQUE("tenant_id","meeting_id","case_id")
);
--> statement-breakpoint
ALTER TABLE "assignment_proposals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assignment_meetings" ADD CONSTRAINT "assignment_meetings_tenant_id_session_id_congress_sessions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","session_id") REFERENCES "public"."congress_sessions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_proposals" ADD CONSTRAINT "assignment_proposals_tenant_id_meeting_id_assignment_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."assignment_meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_proposals" ADD CONSTRAINT "assignment_proposals_tenant_id_case_id_cases_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_proposals" ADD CONSTRAINT "assignment_proposals_tenant_id_lead_unit_id_handling_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","lead_unit_id") REFERENCES "public"."handling_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_meetings_tenant_id_session_id_index" ON "assignment_meetings" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "assignment_meetings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "assignment_proposals" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "assignment_meetings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "assignment_proposals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "assignment_meetings" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "assignment_proposals" TO app_user;
