#!/usr/bin/env bash
# Creates a migration with the same name for both flavours, so SQLite and PostgreSQL stay in step.
# Usage: npm run db:migrate -- <name>   (needs PostgreSQL on $MIGRATE_PG_URL or 127.0.0.1:5432)
set -euo pipefail
name="${1:?usage: npm run db:migrate -- <migration-name>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PRISMA_SCHEMA_ENGINE_BINARY="$root/tools/schema-engine.mjs" CHECKPOINT_DISABLE=1
tmp="$(mktemp -d)"
pg_db="sextinvalle_migrate_$$"
pg_url="${MIGRATE_PG_URL:-postgresql://postgres@127.0.0.1:5432}/$pg_db"
trap 'rm -rf "$tmp"; psql "${MIGRATE_PG_URL:-postgresql://postgres@127.0.0.1:5432}/postgres" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
DATABASE_URL="file:$tmp/migrate.db" node node_modules/prisma/build/index.js migrate dev --name "$name" --skip-generate 2>/dev/null \
  || DATABASE_URL="file:$tmp/migrate.db" node node_modules/prisma/build/index.js migrate dev --name "$name"
sqlite_dir="$(ls -d prisma/sqlite/migrations/*_"$name" | tail -1)"
DATABASE_URL="$pg_url" node node_modules/prisma/build/index.js migrate dev --name "$name"
pg_dir="$(ls -d prisma/postgres/migrations/*_"$name" | tail -1)"
# same directory name on both sides
target="prisma/postgres/migrations/$(basename "$sqlite_dir")"
[ "$pg_dir" = "$target" ] || mv "$pg_dir" "$target"
node tools/generate-clients.mjs
echo "created $(basename "$sqlite_dir") for sqlite and postgres"
