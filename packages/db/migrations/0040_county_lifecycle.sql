ALTER TABLE "tenants" ADD COLUMN "exported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "deletion_due_at" timestamp with time zone;--> statement-breakpoint

-- Offboarding (issue 19): a county scheduled for deletion is erased as a whole, every row and its
-- audit log with it, by this one function; the app role gets no DELETE on the append-only and
-- platform tables. The caller names the tables children first (the foreign keys' order, read from
-- the catalog); whatever it leaves out keeps the final DELETE of the tenant from passing its keys.
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

CREATE FUNCTION erase_county(county uuid, tables_children_first text[])
RETURNS TABLE (table_name text, deleted_rows bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  name text;
  n bigint;
BEGIN
  IF current_setting('app.tenant_id', true) IS DISTINCT FROM county::text THEN
    RAISE EXCEPTION 'erase_county runs in the county''s own transaction' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE tenants t SET status = 'deleted'
    WHERE t.id = county AND t.status = 'suspended' AND t.deletion_due_at IS NOT NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'county % is not suspended and scheduled for deletion', county USING ERRCODE = 'check_violation';
  END IF;
  FOREACH name IN ARRAY tables_children_first LOOP
    IF name IN ('tenants', 'users', 'sessions', 'login_throttles', 'platform_audit_log', 'rate_limits')
      OR NOT EXISTS (SELECT 1 FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.table_name = name AND c.column_name = 'tenant_id') THEN
      RAISE EXCEPTION '% is not a county table', name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('DELETE FROM public.%I WHERE tenant_id = $1', name) USING county;
    GET DIAGNOSTICS n = ROW_COUNT;
    table_name := name;
    deleted_rows := n;
    RETURN NEXT;
  END LOOP;
  DELETE FROM sessions s USING users u WHERE s.user_id = u.id AND u.home_tenant_id = county;
  DELETE FROM users u WHERE u.home_tenant_id = county;
  GET DIAGNOSTICS n = ROW_COUNT;
  table_name := 'users';
  deleted_rows := n;
  RETURN NEXT;
  DELETE FROM tenants t WHERE t.id = county;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION erase_county(uuid, text[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION erase_county(uuid, text[]) TO app_user;
