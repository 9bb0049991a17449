ALTER TABLE "cases" ADD COLUMN "first_answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "answered_on_time" boolean;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "answer_class" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "consulted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "consultations" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "key_supervision" boolean DEFAULT false NOT NULL;