ALTER TABLE "workflow_versions" ADD COLUMN "kind" text DEFAULT 'custom' NOT NULL;--> statement-breakpoint
-- Versions published before workflows declared a kind: the shipped templates' keys tell it.
-- (A searched CASE: Citus 13 deparses `CASE w."key" WHEN …` wrongly for its workers.)
UPDATE "workflow_versions" v SET "kind" = CASE
    WHEN w."key" = 'citizenOpinion' THEN 'opinion'
    WHEN w."key" = 'deputySuggestion' THEN 'suggestion'
    WHEN w."key" = 'disputeMediation' THEN 'mediation'
    WHEN w."key" = 'draftLawConsultation' THEN 'consultation'
    ELSE 'custom' END
  FROM "workflows" w
  WHERE w."tenant_id" = v."tenant_id" AND w."id" = v."workflow_id";
