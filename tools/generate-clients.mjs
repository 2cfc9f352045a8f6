#!/usr/bin/env node
// Generates both Prisma clients (SQLite and PostgreSQL) from the one data model. Runs on postinstall.
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const prisma = path.join(root, "node_modules", "prisma", "build", "index.js");
const flavours = { sqlite: "file:./data/dev.db", postgres: "postgresql://localhost:5432/unused" };

for (const [flavour, url] of Object.entries(flavours)) {
  execFileSync(process.execPath, [prisma, "generate"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "tools", "schema-engine.mjs"),
      CHECKPOINT_DISABLE: "1",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  console.log(`prisma client generated (${flavour})`);
}
