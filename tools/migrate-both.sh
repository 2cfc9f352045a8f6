#!/usr/bin/env bash
# Creates a migration with the same name for both flavours, so SQLite and PostgreSQL stay in step.
# Usage: npm run db:migrate -- <name>   (needs PostgreSQL on $MIGRATE_PG_URL or 127.0.0.1:5432)
# Each flavour: apply its committed migrations to a scratch database, then write the diff from that database to
# the data model. Non-interactive by construction (`migrate dev` stops at data-loss prompts when there is no TTY).
set -euo pipefail
name="${1:?usage: npm run db:migrate -- <migration-name>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PRISMA_SCHEMA_ENGINE_BINARY="$root/tools/schema-engine.mjs" CHECKPOINT_DISABLE=1
prisma() { node node_modules/prisma/build/index.js "$@"; }
tmp="$(mktemp -d)"
pg_admin="${MIGRATE_PG_URL:-postgresql://postgres@127.0.0.1:5432}"
pg_db="sextinvalle_migrate_$$"
trap 'rm -rf "$tmp"; psql "$pg_admin/postgres" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
psql "$pg_admin/postgres" -qc "CREATE DATABASE $pg_db" >/dev/null
stamp="$(date -u +%Y%m%d%H%M%S)"
for flavour in sqlite postgres; do
  if [ "$flavour" = sqlite ]; then url="file:$tmp/migrate.db"; else url="$pg_admin/$pg_db"; fi
  DATABASE_URL="$url" prisma migrate deploy >/dev/null
  dir="prisma/$flavour/migrations/${stamp}_$name"
  mkdir -p "$dir"
  DATABASE_URL="$url" prisma migrate diff --from-config-datasource --to-schema "prisma/$flavour" --script -o "$dir/migration.sql"
  if ! grep -qv '^--' "$dir/migration.sql"; then rm -rf "$dir"; echo "no change for $flavour"; fi
done
node tools/generate-clients.mjs
echo "created ${stamp}_$name for sqlite and postgres"
