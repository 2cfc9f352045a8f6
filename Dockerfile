# Sextinvalle: one image for every app instance (docs/deploy.md). Build: docker build -t sextinvalle .
# Node 20 (better-sqlite3 12 compiles for it); the custom server (server.ts: Next + legacy WebSocket) is bundled by
# `npm run build` into .next/custom-server and run by node exactly as `npm start` does, so the image and a
# bare-metal install behave the same.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY tools ./tools
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY . .
RUN npm run build

FROM deps AS prod-deps
RUN npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 HOSTNAME=0.0.0.0 PORT=3000 \
    AUTH_TRUST_HOST=true TRUST_PROXY=true
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/package.json /app/package-lock.json /app/server.ts /app/proxy.ts /app/prisma.config.ts \
     /app/tsconfig.json /app/next.config.mjs ./
COPY --from=build /app/lib ./lib
COPY --from=build /app/app ./app
COPY --from=build /app/components ./components
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/tools ./tools
RUN mkdir -p data && chown -R node:node data
USER node
EXPOSE 3000
# migrations are applied by whichever instance starts first (Prisma's migrate lock serialises them)
CMD ["npm", "start"]
