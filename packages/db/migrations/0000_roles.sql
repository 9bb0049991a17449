-- The role every request runs as (SET LOCAL ROLE app_user). It owns nothing and
-- can neither log in nor bypass row-level security; a deployment's login role is
-- made a member of it (infra/postgres/roles.sql). Created here when missing so
-- that the embedded PGlite database has it too.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
    CREATE ROLE app_user NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
