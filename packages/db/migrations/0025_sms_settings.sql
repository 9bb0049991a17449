CREATE TABLE "sms_settings" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"secret_id_ciphertext" text NOT NULL,
	"secret_id_hint" text NOT NULL,
	"secret_key_ciphertext" text NOT NULL,
	"sdk_app_id" text NOT NULL,
	"sign_name" text NOT NULL,
	"region" text NOT NULL,
	"template_submitted" text NOT NULL,
	"template_assigned" text NOT NULL,
	"template_answered" text NOT NULL,
	"template_closed" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sms_settings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "sms_settings_tenantId_unique" UNIQUE("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "sms_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sms_settings" ADD CONSTRAINT "sms_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_settings" ADD CONSTRAINT "sms_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sms_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "sms_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "sms_settings" TO app_user;
