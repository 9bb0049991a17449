-- Row-level security applies to the tables' owner too (FORCE), so not even the
-- migration role reads across tenants by accident. Only superusers bypass it,
-- and the app never runs as one (checked at boot).
ALTER TABLE "townships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "communities" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "membership_townships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "checklists" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "station_types" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "duty_posts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

GRANT USAGE ON SCHEMA public TO app_user;--> statement-breakpoint
-- Global tables: nothing the platform keeps is ever deleted but sessions and throttles.
GRANT SELECT, INSERT, UPDATE ON "tenants", "users" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "sessions", "login_throttles" TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT ON "platform_audit_log" TO app_user;--> statement-breakpoint
GRANT USAGE ON SEQUENCE "platform_audit_log_id_seq" TO app_user;--> statement-breakpoint
-- Tenant tables.
GRANT SELECT, INSERT, UPDATE, DELETE ON
  "townships", "communities", "memberships", "membership_townships", "invitations",
  "checklists", "station_types", "duty_posts"
  TO app_user;--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_log" TO app_user;--> statement-breakpoint

-- The audit trail is append-only for everyone, the owner included.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
CREATE TRIGGER platform_audit_log_append_only BEFORE UPDATE OR DELETE ON "platform_audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint

-- One hash per row over its content and the previous row's hash (per tenant).
-- The chain trigger and the verifier both use this function.
CREATE FUNCTION audit_row_hash(
  prev_hash text, tenant_id uuid, seq bigint, at timestamptz, actor_user_id uuid,
  action text, object_type text, object_id text, ip text, detail jsonb
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    prev_hash, tenant_id::text, seq::text, extract(epoch FROM at)::text,
    coalesce(actor_user_id::text, ''), action, coalesce(object_type, ''),
    coalesce(object_id, ''), coalesce(ip, ''), coalesce(detail::text, '')
  ), 'UTF8')), 'hex')
$$;--> statement-breakpoint

-- Serialised per tenant by an advisory lock, so two writers never share a seq.
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_row record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_log:' || NEW.tenant_id::text, 0));
  SELECT a.seq, a.hash INTO last_row FROM audit_log a
    WHERE a.tenant_id = NEW.tenant_id ORDER BY a.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_row.seq, 0) + 1;
  NEW.prev_hash := coalesce(last_row.hash, '');
  NEW.at := date_trunc('microseconds', NEW.at);
  NEW.hash := audit_row_hash(NEW.prev_hash, NEW.tenant_id, NEW.seq, NEW.at, NEW.actor_user_id,
    NEW.action, NEW.object_type, NEW.object_id, NEW.ip, NEW.detail);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
