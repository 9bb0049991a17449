CREATE TABLE "revisit_campaigns" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "revisit_campaigns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "revisit_campaigns_tenantId_name_unique" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
ALTER TABLE "revisit_campaigns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "revisit_items" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"suggestion_id" uuid NOT NULL,
	"team_id" uuid,
	"finding" text,
	"note" text,
	"found_on" date,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "revisit_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "revisit_items_tenantId_campaignId_suggestionId_unique" UNIQUE("tenant_id","campaign_id","suggestion_id")
);
--> statement-breakpoint
ALTER TABLE "revisit_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "revisit_campaigns" ADD CONSTRAINT "revisit_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_campaigns" ADD CONSTRAINT "revisit_campaigns_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_items" ADD CONSTRAINT "revisit_items_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_items" ADD CONSTRAINT "revisit_items_tenant_id_campaign_id_revisit_campaigns_tenant_id_id_fk" FOREIGN KEY ("tenant_id","campaign_id") REFERENCES "public"."revisit_campaigns"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_items" ADD CONSTRAINT "revisit_items_tenant_id_suggestion_id_suggestions_tenant_id_id_fk" FOREIGN KEY ("tenant_id","suggestion_id") REFERENCES "public"."suggestions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisit_items" ADD CONSTRAINT "revisit_items_tenant_id_team_id_teams_tenant_id_id_fk" FOREIGN KEY ("tenant_id","team_id") REFERENCES "public"."teams"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "revisit_items_tenant_id_suggestion_id_index" ON "revisit_items" USING btree ("tenant_id","suggestion_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "revisit_campaigns" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "revisit_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "revisit_campaigns" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "revisit_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "revisit_campaigns" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "revisit_items" TO app_user;
