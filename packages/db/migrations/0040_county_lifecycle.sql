ALTER TABLE "tenants" ADD COLUMN "exported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "deletion_due_at" timestamp with time zone;--> statement-breakpoint

-- Offboarding (issue 19): a county scheduled for deletion is erased as a whole, every row, its
-- accounts and its audit log with it. The app role may DELETE from every county table and from the
-- tenants and their accounts, but a trigger refuses any such DELETE unless the row's county is
-- marked `deleted` — the state deleteDueCounties sets, in the same transaction, for a suspended
-- county whose deletion date has come. Rows that are never deleted in a county's life (cases,
-- their events, workflow versions, the audit log …) stay so until the county itself goes.
-- (Not a SECURITY DEFINER function: on Citus the workers would run its deletes as app_user anyway.)
CREATE FUNCTION refuse_delete_unless_county_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM tenants t WHERE t.id = OLD.tenant_id AND t.status = 'deleted') THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% rows are deleted only with their county', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE FUNCTION audit_log_refuse_change_unless_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = OLD.tenant_id AND t.status = 'deleted') THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
DROP TRIGGER audit_log_append_only ON "audit_log";--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change_unless_erased();--> statement-breakpoint
-- Every county table the app role could not delete from until now.
DO $$
DECLARE
  name text;
BEGIN
  FOR name IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
      AND c.relname NOT IN ('tenants', 'users', 'sessions', 'login_throttles', 'platform_audit_log', 'rate_limits')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
      AND NOT has_table_privilege('app_user', c.oid, 'DELETE')
  LOOP
    IF name <> 'audit_log' THEN
      EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %I FOR EACH ROW EXECUTE FUNCTION refuse_delete_unless_county_erased()',
        name || '_deleted_only_with_county', name);
    END IF;
    EXECUTE format('GRANT DELETE ON %I TO app_user', name);
  END LOOP;
END
$$;--> statement-breakpoint
CREATE FUNCTION users_refuse_delete_unless_county_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM tenants t WHERE t.id = OLD.home_tenant_id AND t.status = 'deleted') THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'accounts are deleted only with their county' USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER users_deleted_only_with_county BEFORE DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION users_refuse_delete_unless_county_erased();--> statement-breakpoint
CREATE FUNCTION tenants_refuse_delete_unless_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'deleted' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'a county is deleted only once marked deleted' USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER tenants_deleted_only_when_erased BEFORE DELETE ON "tenants"
  FOR EACH ROW EXECUTE FUNCTION tenants_refuse_delete_unless_erased();--> statement-breakpoint
GRANT DELETE ON "tenants", "users" TO app_user;--> statement-breakpoint
-- The door's lock: only a suspended county with a deletion date can be marked deleted.
CREATE FUNCTION tenants_deleted_only_when_scheduled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'deleted' AND NOT (OLD.status = 'suspended' AND OLD.deletion_due_at IS NOT NULL) THEN
    RAISE EXCEPTION 'county % is not suspended and scheduled for deletion', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER tenants_deleted_only_when_scheduled BEFORE UPDATE OF status ON "tenants"
  FOR EACH ROW EXECUTE FUNCTION tenants_deleted_only_when_scheduled();
