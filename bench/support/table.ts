import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// One table for every bench: the figure, its goal, the value, the floor measured in the same run and their ratio.
// Each bench writes its rows to bench/results/<name>.json; run-all prints them together at the end.
export type BenchRow = {
  figure: string;
  goal: string;
  value: number;
  floor: number | null;
  unit: string;
  ok: boolean;
  note?: string;
};

const RESULTS = path.join(import.meta.dirname, "..", "results");

const fmt = (n: number, unit: string) =>
  `${n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(n >= 10 ? 1 : 2)} ${unit}`.trim();

export function printTable(rows: readonly BenchRow[]): void {
  const lines = rows.map((r) => [
    r.figure,
    r.goal,
    fmt(r.value, r.unit),
    r.floor === null ? "—" : fmt(r.floor, r.unit),
    r.floor ? `${(r.value / r.floor).toFixed(1)}×` : "—",
    r.ok ? "met" : "NOT MET",
    r.note ?? "",
  ]);
  const header = ["figure", "goal", "value", "floor (same run)", "ratio", "", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ")} |`;
  console.log(row(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const l of lines) console.log(row(l));
}

export function writeRows(name: string, rows: readonly BenchRow[]): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, `${name}.json`), JSON.stringify(rows, null, 2));
}

export function readAllRows(): BenchRow[] {
  let files: string[] = [];
  try {
    files = readdirSync(RESULTS).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files.sort().flatMap((f) => JSON.parse(readFileSync(path.join(RESULTS, f), "utf8")) as BenchRow[]);
}
