import "dotenv/config";
import { defineConfig } from "prisma/config";

// One data model (prisma/models.prisma), two providers; DATABASE_URL's scheme picks the flavour:
//   file:./data/dev.db   -> prisma/sqlite   (embedded default)
//   postgresql://...     -> prisma/postgres (production)
const url = process.env.DATABASE_URL ?? "file:./data/dev.db";
const flavour = /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";

export default defineConfig({
  schema: `prisma/${flavour}`,
  migrations: { path: `prisma/${flavour}/migrations` },
  datasource: { url },
});
