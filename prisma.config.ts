import "dotenv/config";
import { defineConfig } from "prisma/config";

// One data model (prisma/models.prisma), two providers; DATABASE_URL's scheme picks the flavour:
//   file:./data/dev.db   -> prisma/sqlite   (embedded default)
//   postgresql://...     -> prisma/postgres (production)
const url = process.env.DATABASE_URL ?? "file:./data/dev.db";
const flavour = /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";

// SQLite's FTS5 search indexes (migration 20261202051500_search_indexes) and their shadow tables: created in raw
// SQL, unknown to the data model; listed here so generated migrations leave them alone.
const sqliteSearchTables = ["ClientSearch", "OrderSearch"].flatMap((t) =>
  ["", "_config", "_data", "_docsize", "_idx"].map((suffix) => `${t}${suffix}`),
);

export default defineConfig({
  schema: `prisma/${flavour}`,
  migrations: { path: `prisma/${flavour}/migrations` },
  datasource: { url },
  experimental: { externalTables: true },
  tables: { external: flavour === "sqlite" ? sqliteSearchTables : [] },
});
