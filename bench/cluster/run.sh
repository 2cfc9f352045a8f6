#!/usr/bin/env bash
# Two app instances behind nginx on this machine, sharing PostgreSQL and Redis, then bench/cluster/check.ts:
# consistency across instances (history, takeover events, rate limits, catalogue changes) and throughput with one
# instance vs. both. Not part of npm test. Needs nginx (apt-get install -y nginx), PostgreSQL and Redis running.
# Usage: bash bench/cluster/run.sh   (ports 3301, 3302, nginx 3300; override with CLUSTER_BASE_PORT)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install -y nginx"; exit 2; }
base="${CLUSTER_BASE_PORT:-3300}"
pg_admin="${CLUSTER_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
db="cluster_$$"
work="$(mktemp -d)"
pids=()
cleanup() {
  status=$?
  # on a failure, what the instances and nginx said (the work directory is removed below)
  if [ "$status" != 0 ]; then tail -n 30 "$work"/app*.log "$work/error.log" 2>/dev/null || true; fi
  # each instance runs in its own process group (setsid): npx, tsx and node all stop
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  psql "$pg_admin/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  git checkout -q tsconfig.json 2>/dev/null || true
node tools/build-server.mjs .next-cluster >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 NEXT_DIST_DIR=.next-cluster
export DATABASE_URL="$pg_admin/$db" REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}" TRUST_PROXY=true
export AUTH_SECRET="cluster-bench-secret-0123456789-abcdefghij" AUTH_TRUST_HOST=true LOG_LEVEL=warn
export SEED_ADMIN_PASSWORD="Cluster-Admin-2026!x" SEED_VENTAS_PASSWORD="Cluster-Ventas-2026!x" SEED_GERENTE_PASSWORD="Cluster-Gerente-2026!x"
psql "$pg_admin/postgres" -qc "CREATE DATABASE $db" >/dev/null
npx tsx scripts/db-setup.ts
export CLUSTER_ADMIN_KEY="$(npx tsx scripts/apikey-create.ts --role admin --name "Cluster bench" | tail -n 1)"
[ -d .next-cluster ] && [ "${CLUSTER_REBUILD:-0}" = 0 ] || npx next build >/dev/null
git checkout -q tsconfig.json 2>/dev/null || true
node tools/build-server.mjs .next-cluster >/dev/null

for i in 1 2; do
  PORT=$((base + i)) HOSTNAME=127.0.0.1 setsid node .next-cluster/custom-server/server.mjs >"$work/app$i.log" 2>&1 &
  pids+=($!)
done
sed -e "s/@A@/$((base + 1))/; s/@B@/$((base + 2))/; s/@N@/$base/; s#@WORK@#$work#g" bench/cluster/nginx.conf >"$work/nginx.conf"
nginx -c "$work/nginx.conf" -p "$work"
for port in $((base + 1)) $((base + 2)) "$base"; do
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/chat/health" >/dev/null 2>&1 && break; sleep 1; done
done
CLUSTER_A="http://127.0.0.1:$((base + 1))" CLUSTER_B="http://127.0.0.1:$((base + 2))" CLUSTER_N="http://127.0.0.1:$base" \
  npx tsx bench/cluster/check.ts
