ALTER TABLE "handling_units" DROP COLUMN "contact_name";--> statement-breakpoint
ALTER TABLE "handling_units" DROP COLUMN "contact_phone";