CREATE TABLE "template_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_tenant_id" uuid NOT NULL,
	"workflow_key" text NOT NULL,
	"from_version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"layout" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_note" text DEFAULT '' NOT NULL,
	"adopted_into_set_id" uuid
);
--> statement-breakpoint
ALTER TABLE "template_proposals" ADD CONSTRAINT "template_proposals_from_tenant_id_tenants_id_fk" FOREIGN KEY ("from_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_proposals" ADD CONSTRAINT "template_proposals_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_proposals" ADD CONSTRAINT "template_proposals_adopted_into_set_id_template_sets_id_fk" FOREIGN KEY ("adopted_into_set_id") REFERENCES "public"."template_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "template_proposals_from_tenant_id_idx" ON "template_proposals" ("from_tenant_id");--> statement-breakpoint
-- A county proposes and follows its own proposals; the operator (no county set) reviews them all.
-- (coalesce(…) = '' rather than IS NULL: Citus 13 cannot deparse a NullTest in a policy.)
ALTER TABLE "template_proposals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "template_proposals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "own_county_or_platform" ON "template_proposals" AS PERMISSIVE FOR ALL TO public
  USING (coalesce(current_setting('app.tenant_id', true), '') = '' OR from_tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (coalesce(current_setting('app.tenant_id', true), '') = '' OR from_tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "template_proposals" TO app_user;
