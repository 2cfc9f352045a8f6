#!/usr/bin/env bash
# Builds and starts the app for Playwright on a fresh, seeded SQLite database.
set -euo pipefail
port="${1:-3210}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mkdir -p .tmp
db=".tmp/e2e-$port.db"
rm -f "$db" "$db-wal" "$db-shm"
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
export DATABASE_URL="file:./$db"
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-e2e-$port}"
export STORAGE_LOCAL_DIR=".tmp/e2e-storage-$port"
export AUTH_SECRET="${AUTH_SECRET:-e2e-secret-0123456789-abcdefghijklmnopqrstuvwxyz}"
export AUTH_TRUST_HOST=true
# Every test request comes from one address; the per-IP limit has its own test (tests/ratelimit).
export RATE_LIMIT_PER_IP_PER_MINUTE="${RATE_LIMIT_PER_IP_PER_MINUTE:-6000}"
# Telegram and WhatsApp point at the wire fakes e2e/channels.spec.ts starts on ports 1000 and 2000 above the app's.
export TELEGRAM_BOT_TOKEN="7000000001:AAH-e2e-token_abcdefghijklmnopqrstuv" TELEGRAM_WEBHOOK_SECRET="e2e-telegram-secret"
export TELEGRAM_API_BASE_URL="http://127.0.0.1:$((port + 1000))"
export WHATSAPP_ACCESS_TOKEN="EAAG-e2e-token" WHATSAPP_APP_SECRET="e2e-app-secret" WHATSAPP_VERIFY_TOKEN="e2e-verify"
export WHATSAPP_PHONE_NUMBER_ID="106540352242922" WHATSAPP_API_BASE_URL="http://127.0.0.1:$((port + 2000))/v26.0"
# Specs that run many chat turns give each customer its own address (X-Forwarded-For), as real customers have;
# without the header the socket address counts, as before.
export TRUST_PROXY="${TRUST_PROXY:-true}"
npx tsx scripts/db-setup.ts
if [ "${E2E_SKIP_BUILD:-0}" != "1" ] || [ ! -d "$NEXT_DIST_DIR" ]; then
  # next build adds the custom dist folder's type paths to tsconfig.json; keep the committed file as it is
  cp tsconfig.json ".tmp/tsconfig.e2e-$port.json"
  npx next build || { cp ".tmp/tsconfig.e2e-$port.json" tsconfig.json; exit 1; }
  cp ".tmp/tsconfig.e2e-$port.json" tsconfig.json
  node tools/js-budget.mjs "$NEXT_DIST_DIR"
fi
# the custom server as `npm start` runs it: bundled (a fraction of a second, so always from the current source)
node tools/build-server.mjs "$NEXT_DIST_DIR"
NODE_ENV=production PORT="$port" HOSTNAME=127.0.0.1 exec node "$NEXT_DIST_DIR/custom-server/server.mjs"
