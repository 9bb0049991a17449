ALTER TABLE "case_timers" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_timers" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_timers" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "case_timers" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
-- The worker's scan across counties skips timers that back off or were given up: it sees when each is next tried.
GRANT SELECT ("next_attempt_at", "failed_at") ON "case_timers" TO app_worker;