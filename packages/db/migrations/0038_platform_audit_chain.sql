-- The platform's audit log is hash-chained like a county's (issue 19): one chain for the platform,
-- each row's hash over its content and the previous row's hash.
ALTER TABLE "platform_audit_log" ADD COLUMN "seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_audit_log" ADD COLUMN "prev_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_audit_log" ADD COLUMN "hash" text DEFAULT '' NOT NULL;--> statement-breakpoint

-- Every nullable field coalesced, so a missing value never shifts the others.
CREATE FUNCTION platform_audit_row_hash(
  prev_hash text, seq bigint, at timestamptz, actor_user_id uuid, actor_name text, action text,
  object_type text, object_id text, tenant_id uuid, ip text, detail jsonb
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    prev_hash, seq::text, extract(epoch FROM at)::text, coalesce(actor_user_id::text, ''),
    coalesce(actor_name, ''), action, coalesce(object_type, ''), coalesce(object_id, ''),
    coalesce(tenant_id::text, ''), coalesce(ip, ''), coalesce(detail::text, '')
  ), 'UTF8')), 'hex')
$$;--> statement-breakpoint

-- The rows written before today join the chain in the order they were written.
DO $$
DECLARE
  r record;
  previous text := '';
  position bigint := 0;
BEGIN
  IF EXISTS (SELECT 1 FROM platform_audit_log) THEN
    ALTER TABLE platform_audit_log DISABLE TRIGGER platform_audit_log_append_only;
    FOR r IN SELECT * FROM platform_audit_log ORDER BY id LOOP
      position := position + 1;
      UPDATE platform_audit_log SET seq = position, prev_hash = previous, at = date_trunc('microseconds', r.at),
        hash = platform_audit_row_hash(previous, position, date_trunc('microseconds', r.at), r.actor_user_id,
          r.actor_name, r.action, r.object_type, r.object_id, r.tenant_id, r.ip, r.detail)
        WHERE id = r.id
        RETURNING hash INTO previous;
    END LOOP;
    ALTER TABLE platform_audit_log ENABLE TRIGGER platform_audit_log_append_only;
  END IF;
END
$$;--> statement-breakpoint
CREATE UNIQUE INDEX "platform_audit_log_seq_index" ON "platform_audit_log" USING btree ("seq");--> statement-breakpoint

-- Serialised by an advisory lock, so two writers never share a seq.
CREATE FUNCTION platform_audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_row record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('platform_audit_log', 0));
  SELECT a.seq, a.hash INTO last_row FROM platform_audit_log a ORDER BY a.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_row.seq, 0) + 1;
  NEW.prev_hash := coalesce(last_row.hash, '');
  NEW.at := date_trunc('microseconds', NEW.at);
  NEW.hash := platform_audit_row_hash(NEW.prev_hash, NEW.seq, NEW.at, NEW.actor_user_id, NEW.actor_name,
    NEW.action, NEW.object_type, NEW.object_id, NEW.tenant_id, NEW.ip, NEW.detail);
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER platform_audit_log_chain BEFORE INSERT ON "platform_audit_log"
  FOR EACH ROW EXECUTE FUNCTION platform_audit_log_chain();
--> statement-breakpoint
CREATE TRIGGER platform_audit_log_no_truncate BEFORE TRUNCATE ON "platform_audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
