import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { printTable, readAllRows } from "./support/table";

// Runs every benchmark in bench/ one after another; each prints its own figures, and those that measure a goal
// of issue 12 (chat turn, sales list, …) also write rows that are printed at the end as ONE table: figure, goal,
// value, the floor measured in the same run, ratio. `npm run bench -- chat-turn orders` runs only those.
const dir = path.join(import.meta.dirname);
const only = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run-all.ts" && !f.endsWith(".test.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

rmSync(path.join(dir, "results"), { recursive: true, force: true });
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== bench/${script} ===`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, script)], {
    stdio: "inherit",
    env: { LOG_LEVEL: "error", ...process.env },
  });
  if (result.status !== 0) failed += 1;
}
const rows = readAllRows();
if (rows.length > 0) {
  console.log("\n=== goals (issue 12), each against its floor measured in the same run ===");
  printTable(rows);
}
process.exit(failed === 0 ? 0 : 1);
