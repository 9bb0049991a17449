-- Prepares one database of a Citus cluster for the platform, on the coordinator, as a superuser,
-- after `create extension citus` in that database on every node and before its migrations
-- (infra/citus/cluster.sh does all of it; docs/decisions/0030-citus-distribution.md says why).
--
-- rdlink_distribute_tables() makes every table of the schema that Citus does not know yet a
-- distributed table on tenant_id (a county's rows on one shard, every tenant table colocated) or,
-- for the platform's tables (no NOT NULL tenant_id), a reference table copied to every node.
-- Citus takes no foreign key between a local and a distributed table, so keys touching those
-- tables are dropped first and added back after. Run by the event trigger below for each new
-- table; run it by hand (as the schema's owner) when an existing database scales out.
CREATE OR REPLACE FUNCTION rdlink_distribute_tables() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  pending text[];
  foreign_key record;
  keys_to_restore text[] := '{}';
  key_statement text;
  table_name text;
BEGIN
  SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}') INTO pending
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
      AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid);
  IF cardinality(pending) = 0 THEN
    RETURN 0;
  END IF;
  FOR foreign_key IN
    SELECT k.conrelid::regclass::text AS on_table, k.conname, pg_get_constraintdef(k.oid) AS definition
      FROM pg_constraint k
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace
        AND (k.conrelid::regclass::text = ANY (pending) OR k.confrelid::regclass::text = ANY (pending))
  LOOP
    keys_to_restore := keys_to_restore || format('ALTER TABLE %s ADD CONSTRAINT %I %s',
      foreign_key.on_table, foreign_key.conname, foreign_key.definition);
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', foreign_key.on_table, foreign_key.conname);
  END LOOP;
  FOREACH table_name IN ARRAY pending LOOP
    IF EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = format('public.%I', table_name)::regclass
                 AND a.attname = 'tenant_id' AND a.attnotnull) THEN
      -- 'default' colocates every table distributed on a uuid with the same shard count.
      PERFORM create_distributed_table(format('public.%I', table_name), 'tenant_id', colocate_with => 'default');
    ELSE
      PERFORM create_reference_table(format('public.%I', table_name));
    END IF;
  END LOOP;
  FOREACH key_statement IN ARRAY keys_to_restore LOOP
    EXECUTE key_statement;
  END LOOP;
  RETURN cardinality(pending);
END
$$;

-- A migration's new table is distributed as it is created, before the same migration adds its
-- foreign keys (drizzle adds them after its CREATE TABLEs).
CREATE OR REPLACE FUNCTION rdlink_distribute_new_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Distributing creates shards, which are tables too: this guard keeps them out.
  IF current_setting('rdlink.distributing', true) = 'on' THEN
    RETURN;
  END IF;
  PERFORM set_config('rdlink.distributing', 'on', true);
  PERFORM rdlink_distribute_tables();
  PERFORM set_config('rdlink.distributing', 'off', true);
END
$$;

DROP EVENT TRIGGER IF EXISTS rdlink_distribute_new_tables;
CREATE EVENT TRIGGER rdlink_distribute_new_tables ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION rdlink_distribute_new_tables();

-- withTenant names the county with SET LOCAL app.tenant_id: shipped to the workers with each
-- transaction, where the policies read it (set_config is not propagated).
SELECT format('ALTER DATABASE %I SET citus.propagate_set_commands = %L', current_database(), 'local') \gexec
-- The audit log's chain and append-only triggers run on the shards: a county's chain is on its shard.
SELECT format('ALTER DATABASE %I SET citus.enable_unsafe_triggers = on', current_database()) \gexec
-- Keys to reference tables need one connection per node within a migration's transaction.
SELECT format('ALTER DATABASE %I SET citus.multi_shard_modify_mode = %L', current_database(), 'sequential') \gexec
