#!/usr/bin/env bash
# `pnpm test:citus`: starts the local Citus cluster (infra/citus/cluster.sh, building Citus from
# CITUS_SOURCE when it is missing) and runs the scale-out tests against its coordinator.
set -euo pipefail
cd "$(dirname "$0")/../.."
COORDINATOR=$(bash infra/citus/cluster.sh start)
trap 'bash infra/citus/cluster.sh stop' EXIT
TEST_DATABASE_URL=$COORDINATOR pnpm --filter @rdlink/db exec vitest run --config vitest.citus.config.ts
# The case runtime and the worker: every step, 50 concurrent steps → one winner, timers fired
# exactly once by two workers at once.
TEST_DATABASE_URL=$COORDINATOR pnpm --filter @rdlink/core exec vitest run --config vitest.citus.config.ts
# The built app on the cluster, over HTTP: opinions filed by form and API, a step, tracking, a timer.
TEST_DATABASE_URL=$COORDINATOR pnpm --filter @rdlink/web exec vitest run --config vitest.citus.config.ts
