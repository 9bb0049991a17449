#!/usr/bin/env bash
# Makes sure a local PostgreSQL answers on 127.0.0.1:5432 and has a test admin role,
# whatever the local authentication (trust or password): the role is created over the
# Unix socket as the `postgres` OS user, and tests log in with a password over TCP.
# Prints the TEST_DATABASE_URL to use.
set -euo pipefail

ROLE=rdlink_ci
PASSWORD=rdlink_ci

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "[postgres] installing Debian's PostgreSQL" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

read -r VERSION CLUSTER PORT STATUS _ < <(pg_lsclusters --no-header | head -n 1)
if [ "${STATUS}" != "online" ]; then
  echo "[postgres] starting cluster ${VERSION}/${CLUSTER}" >&2
  pg_ctlcluster --skip-systemctl-redirect "${VERSION}" "${CLUSTER}" start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "${PORT}" && break
  sleep 1
done

# The test admin creates a database per test file and the app's roles; it is a
# superuser so that the tests can also check that the app refuses to run as one.
su postgres -c "psql -q -v ON_ERROR_STOP=1 -p ${PORT}" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN
    CREATE ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${PASSWORD}';
  ELSE
    ALTER ROLE ${ROLE} LOGIN SUPERUSER PASSWORD '${PASSWORD}';
  END IF;
END \$\$;
SQL

echo "postgres://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/postgres"
