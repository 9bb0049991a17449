-- One-time setup of a PostgreSQL server for the platform, run as a superuser:
--   psql -v owner_password=… -v app_password=… -f infra/postgres/roles.sql
--
-- rdlink_owner owns the schema and applies migrations (MIGRATE_DATABASE_URL).
-- rdlink_app is what the app logs in as (DATABASE_URL): a member of app_user, which
-- owns nothing, is no superuser and cannot bypass row-level security. The app checks
-- this at start and refuses to serve otherwise.
CREATE ROLE rdlink_owner LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'owner_password';
-- app_user is cluster-wide and may exist already (another database on this server).
SELECT 'CREATE ROLE app_user NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS'
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') \gexec
-- app_worker may see, across counties, only which tenant has a timer or message due.
SELECT 'CREATE ROLE app_worker NOLOGIN NOSUPERUSER NOBYPASSRLS'
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_worker') \gexec
-- NOINHERIT: app_user may switch to app_worker, never holds its rights or policies.
ALTER ROLE app_user NOINHERIT;
GRANT app_worker TO app_user;
CREATE ROLE rdlink_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD :'app_password' IN ROLE app_user;
CREATE DATABASE rdlink OWNER rdlink_owner ENCODING 'UTF8' TEMPLATE template0;
