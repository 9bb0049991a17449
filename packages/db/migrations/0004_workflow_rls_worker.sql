ALTER TABLE "workflows" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "workflow_versions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "cases" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "case_timers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "calendar_days" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

GRANT SELECT, INSERT, UPDATE, DELETE ON "workflows", "calendar_days" TO app_user;--> statement-breakpoint
-- Published versions and case events are never changed.
GRANT SELECT, INSERT ON "workflow_versions", "case_events" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "cases", "outbox" TO app_user;--> statement-breakpoint
-- UPDATE only so that a worker can lock (FOR UPDATE) the timers it claims.
GRANT SELECT, INSERT, UPDATE, DELETE ON "case_timers" TO app_user;--> statement-breakpoint

-- The worker must find due timers and outbox rows across every county without reading
-- them: as app_worker it sees only which tenant has something due and when, then does
-- the work inside that tenant's own transaction. app_user may SET ROLE app_worker but,
-- being NOINHERIT, never holds its rights or falls under its policies. (The roles are made
-- with the others in infra/postgres/roles.sql; on PGlite, here.)
DO $$
BEGIN
  IF (SELECT rolinherit FROM pg_roles WHERE rolname = 'app_user') THEN
    ALTER ROLE app_user NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_worker') THEN
    CREATE ROLE app_worker NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF NOT pg_has_role('app_user', 'app_worker', 'MEMBER') THEN
    GRANT app_worker TO app_user;
  END IF;
END
$$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO app_worker;--> statement-breakpoint
GRANT SELECT ("tenant_id", "due_at") ON "case_timers" TO app_worker;--> statement-breakpoint
GRANT SELECT ("tenant_id", "status", "next_attempt_at") ON "outbox" TO app_worker;--> statement-breakpoint
CREATE POLICY "worker_due_scan" ON "case_timers" AS PERMISSIVE FOR SELECT TO app_worker USING (true);--> statement-breakpoint
CREATE POLICY "worker_due_scan" ON "outbox" AS PERMISSIVE FOR SELECT TO app_worker USING (true);
