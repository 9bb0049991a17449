/**
 * The cluster-wide roles a test or benchmark database needs, as one idempotent statement:
 * app_user (NOINHERIT, may switch to app_worker), app_worker, an owner that applies the
 * migrations and a login role in app_user that the runtime connects as. Run it under the
 * ROLES_LOCK advisory lock: concurrent CREATE ROLEs collide.
 */
export const ROLES_LOCK = 42420001;

export function ensureRolesStatement(ownerRole: string, appRole: string): string {
  for (const role of [ownerRole, appRole]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`Not a role name: ${role}`);
  }
  return `DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
      CREATE ROLE app_user NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS;
    END IF;
    ALTER ROLE app_user NOINHERIT;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_worker') THEN
      CREATE ROLE app_worker NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT pg_has_role('app_user', 'app_worker', 'MEMBER') THEN
      GRANT app_worker TO app_user;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ownerRole}') THEN
      CREATE ROLE ${ownerRole} LOGIN PASSWORD '${ownerRole}' NOSUPERUSER NOBYPASSRLS;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
      CREATE ROLE ${appRole} LOGIN PASSWORD '${appRole}' NOSUPERUSER NOBYPASSRLS IN ROLE app_user;
    END IF;
  END $$`;
}
