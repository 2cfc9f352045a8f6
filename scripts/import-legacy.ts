import "dotenv/config";
import { databaseFlavour, env } from "@/lib/env";
import { formatLegacyReport, importLegacyDatabase, LegacyFileRefused } from "@/lib/legacy-import";

// npm run import:legacy -- <app.db> [--dry-run]: moves the previous system's database into DATABASE_URL.
const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const file = args.find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Uso: npm run import:legacy -- <ruta/app.db> [--dry-run]");
  process.exit(2);
}
try {
  const report = await importLegacyDatabase(file, { dryRun, principal: null });
  console.log(`Base de datos: ${databaseFlavour(env().DATABASE_URL)}`);
  console.log(formatLegacyReport(report));
  process.exit(0);
} catch (error) {
  if (error instanceof LegacyFileRefused) {
    console.error("No se importó nada. El archivo tiene problemas:");
    for (const p of error.problems) console.error(`- ${p}`);
    process.exit(1);
  }
  console.error(
    `La importación falló y no se escribió nada: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
