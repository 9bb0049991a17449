CREATE TABLE "handling_unit_contacts" (
	"tenant_id" uuid DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"handling_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "handling_unit_contacts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "handling_unit_contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "stations" ALTER COLUMN "latitude" SET DATA TYPE double precision USING nullif(trim("latitude"), '')::double precision;--> statement-breakpoint
ALTER TABLE "stations" ALTER COLUMN "longitude" SET DATA TYPE double precision USING nullif(trim("longitude"), '')::double precision;--> statement-breakpoint
ALTER TABLE "duty_posts" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "handling_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "township_id" uuid;--> statement-breakpoint
UPDATE "activities" a SET "township_id" = s."township_id" FROM "stations" s WHERE s."tenant_id" = a."tenant_id" AND s."id" = a."station_id";--> statement-breakpoint
ALTER TABLE "activities" ALTER COLUMN "township_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "disputes_mediated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "jobs_arranged" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "post_id" uuid;--> statement-breakpoint
ALTER TABLE "handling_units" ADD COLUMN "duties" text;--> statement-breakpoint
ALTER TABLE "handling_units" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "stations" ADD COLUMN "code" text;--> statement-breakpoint
-- md5 of the ids, not random(): Citus refuses volatile functions in an UPDATE of a distributed table.
UPDATE "stations" SET "code" = upper(substr(md5("tenant_id"::text || "id"::text), 1, 6));--> statement-breakpoint
ALTER TABLE "stations" ALTER COLUMN "code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "handling_unit_contacts" ADD CONSTRAINT "handling_unit_contacts_tenant_id_handling_unit_id_handling_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","handling_unit_id") REFERENCES "public"."handling_units"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handling_unit_contacts_tenant_id_handling_unit_id_index" ON "handling_unit_contacts" USING btree ("tenant_id","handling_unit_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_handling_unit_id_handling_units_tenant_id_id_fk" FOREIGN KEY ("tenant_id","handling_unit_id") REFERENCES "public"."handling_units"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_tenant_id_township_id_townships_tenant_id_id_fk" FOREIGN KEY ("tenant_id","township_id") REFERENCES "public"."townships"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_tenant_id_post_id_duty_posts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","post_id") REFERENCES "public"."duty_posts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_tenant_id_township_id_day_index" ON "activities" USING btree ("tenant_id","township_id","day");--> statement-breakpoint
CREATE INDEX "activities_tenant_id_day_index" ON "activities" USING btree ("tenant_id","day");--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_tenantId_code_unique" UNIQUE("tenant_id","code");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "handling_unit_contacts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "handling_unit_contacts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "handling_unit_contacts" TO app_user;
