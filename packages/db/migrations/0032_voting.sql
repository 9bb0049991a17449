CREATE TABLE "voter_representatives" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"township_id" uuid NOT NULL,
	"name" text NOT NULL,
	"group_name" text,
	"phone" text,
	"term" text NOT NULL,
	"term_starts_on" date NOT NULL,
	"term_ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voter_representatives_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "voter_representatives_tenantId_townshipId_term_name_unique" UNIQUE("tenant_id","township_id","term","name")
);
--> statement-breakpoint
ALTER TABLE "voter_representatives" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "voting_ballots" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"receipt" text NOT NULL,
	"approved" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"rejected" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	CONSTRAINT "voting_ballots_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "voting_ballots_tenantId_receipt_unique" UNIQUE("tenant_id","receipt")
);
--> statement-breakpoint
ALTER TABLE "voting_ballots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "voting_candidates" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"township_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"cost_yuan" bigint NOT NULL,
	"proposer_kind" text NOT NULL,
	"proposer_name" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"drop_reason" text,
	"meeting_id" uuid,
	"votes_for" integer,
	"votes_against" integer,
	"rank" integer,
	"handling_unit_id" uuid,
	"completed_at" timestamp with time zone,
	"accepted_on" date,
	"acceptance_satisfied" integer,
	"acceptance_basic" integer,
	"acceptance_unsatisfied" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voting_candidates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "voting_candidates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "voting_meetings" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"township_id" uuid NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"held_on" date NOT NULL,
	"rule" text NOT NULL,
	"budget_yuan" bigint,
	"status" text DEFAULT 'preparing' NOT NULL,
	"code_secret" text NOT NULL,
	"eligible_count" integer,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"paper_reconciled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voting_meetings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "voting_meetings_tenantId_townshipId_name_unique" UNIQUE("tenant_id","township_id","name")
);
--> statement-breakpoint
ALTER TABLE "voting_meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "voting_participations" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"representative_id" uuid NOT NULL,
	"channel" text NOT NULL,
	CONSTRAINT "voting_participations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "voting_participations_tenantId_meetingId_representativeId_unique" UNIQUE("tenant_id","meeting_id","representative_id")
);
--> statement-breakpoint
ALTER TABLE "voting_participations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "voting_presence" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"representative_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voting_presence_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "voting_presence_tenantId_meetingId_representativeId_unique" UNIQUE("tenant_id","meeting_id","representative_id"),
	CONSTRAINT "voting_presence_tenantId_codeHash_unique" UNIQUE("tenant_id","code_hash")
);
--> statement-breakpoint
ALTER TABLE "voting_presence" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "voting_progress_reports" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"candidate_id" uuid NOT NULL,
	"milestone" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"percent" integer NOT NULL,
	"photo_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"reported_on" date NOT NULL,
	"reported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voting_progress_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "voting_progress_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "voting_tally_entries" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"entry" integer NOT NULL,
	"ballots" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"entered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voting_tally_entries_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "voting_tally_entries_tenantId_meetingId_entry_unique" UNIQUE("tenant_id","meeting_id","entry")
);
--> statement-breakpoint
ALTER TABLE "voting_tally_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voter_representatives" ADD CONSTRAINT "voter_representatives_tenant_id_township_id_townships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","township_id") REFERENCES "public"."townships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_ballots" ADD CONSTRAINT "voting_ballots_tenant_id_meeting_id_voting_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."voting_meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_candidates" ADD CONSTRAINT "voting_candidates_tenant_id_township_id_townships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","township_id") REFERENCES "public"."townships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_candidates" ADD CONSTRAINT "voting_candidates_tenant_id_meeting_id_voting_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."voting_meetings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_candidates" ADD CONSTRAINT "voting_candidates_tenant_id_handling_unit_id_handling_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","handling_unit_id") REFERENCES "public"."handling_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_meetings" ADD CONSTRAINT "voting_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_meetings" ADD CONSTRAINT "voting_meetings_tenant_id_township_id_townships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","township_id") REFERENCES "public"."townships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_participations" ADD CONSTRAINT "voting_participations_tenant_id_meeting_id_voting_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."voting_meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_participations" ADD CONSTRAINT "voting_participations_tenant_id_representative_id_voter_representatives_tenant_id_id_fk" FOREIGN KEY ("tenant_id","representative_id") REFERENCES "public"."voter_representatives"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_presence" ADD CONSTRAINT "voting_presence_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_presence" ADD CONSTRAINT "voting_presence_tenant_id_meeting_id_voting_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."voting_meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_presence" ADD CONSTRAINT "voting_presence_tenant_id_representative_id_voter_representatives_tenant_id_id_fk" FOREIGN KEY ("tenant_id","representative_id") REFERENCES "public"."voter_representatives"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_progress_reports" ADD CONSTRAINT "voting_progress_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_progress_reports" ADD CONSTRAINT "voting_progress_reports_tenant_id_candidate_id_voting_candidates_tenant_id_id_fk" FOREIGN KEY ("tenant_id","candidate_id") REFERENCES "public"."voting_candidates"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_tally_entries" ADD CONSTRAINT "voting_tally_entries_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voting_tally_entries" ADD CONSTRAINT "voting_tally_entries_tenant_id_meeting_id_voting_meetings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "public"."voting_meetings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voting_candidates_tenant_id_township_id_year_index" ON "voting_candidates" USING btree ("tenant_id","township_id","year");--> statement-breakpoint
CREATE INDEX "voting_candidates_tenant_id_meeting_id_index" ON "voting_candidates" USING btree ("tenant_id","meeting_id");--> statement-breakpoint
CREATE INDEX "voting_progress_reports_tenant_id_candidate_id_index" ON "voting_progress_reports" USING btree ("tenant_id","candidate_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voter_representatives" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voting_ballots" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voting_candidates" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voting_meetings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voting_participations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voting_presence" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voting_progress_reports" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "voting_tally_entries" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- hand-written: forced RLS and the app role's grants, as 0029 has them.
ALTER TABLE "voter_representatives" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voting_meetings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voting_candidates" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voting_presence" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voting_participations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voting_ballots" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voting_tally_entries" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "voting_progress_reports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "voter_representatives" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "voting_meetings" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "voting_candidates" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "voting_presence" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT ON "voting_participations" TO app_user;--> statement-breakpoint
-- DELETE: closing a meeting re-writes its ballots in random order (decision 0025).
GRANT SELECT, INSERT, DELETE ON "voting_ballots" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "voting_tally_entries" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT ON "voting_progress_reports" TO app_user;
