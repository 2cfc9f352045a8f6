import "dotenv/config";
import { setupDatabase } from "@/lib/db/setup";
import { databaseFlavour, env } from "@/lib/env";

const url = env().DATABASE_URL;
try {
  const started = Date.now();
  const result = await setupDatabase(url);
  const what = [
    result.migrated ? "migrations applied" : "schema up to date",
    result.seeded ? "catalog seeded" : "data kept",
  ];
  console.log(`db:setup (${databaseFlavour(url)}): ${what.join(", ")} in ${Date.now() - started} ms`);
} catch (error) {
  console.error(`db:setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
