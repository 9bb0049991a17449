ALTER TABLE "activities" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "case_seq" integer;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_tenantId_caseId_caseSeq_kind_unique" UNIQUE("tenant_id","case_id","case_seq","kind");--> statement-breakpoint
-- The case a ledger entry was written by (kept out of the drizzle schema: cases are declared after activities).
ALTER TABLE "activities" ADD CONSTRAINT "activities_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."cases"("tenant_id","id");
