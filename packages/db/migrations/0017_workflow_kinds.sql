ALTER TABLE "workflow_versions" ADD COLUMN "kind" text DEFAULT 'custom' NOT NULL;--> statement-breakpoint
-- Versions published before workflows declared a kind: the shipped templates' keys tell it.
UPDATE "workflow_versions" v SET "kind" = CASE w."key"
    WHEN 'citizenOpinion' THEN 'opinion'
    WHEN 'deputySuggestion' THEN 'suggestion'
    WHEN 'disputeMediation' THEN 'mediation'
    WHEN 'draftLawConsultation' THEN 'consultation'
    ELSE 'custom' END
  FROM "workflows" w
  WHERE w."tenant_id" = v."tenant_id" AND w."id" = v."workflow_id";
