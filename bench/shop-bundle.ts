import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

// The shop's first-load JavaScript from a production build (builds one into .next-bench if none is given):
// the framework's own root scripts are the floor measured in the same build; the shop's share is the rest.
// The budget check itself runs in every build (tools/js-budget.mjs).
type Measure = { scripts: { file: string; raw: number; gzip: number }[]; raw: number; gzip: number; budget: number };

const root = path.join(import.meta.dirname, "..");
const distDir = process.env.BENCH_DIST_DIR ?? path.join(root, ".next-bench");
if (!existsSync(path.join(distDir, "build-manifest.json"))) {
  console.log(`building into ${path.relative(root, distDir)} …`);
  const build = spawnSync("npx", ["next", "build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: path.relative(root, distDir), NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(1);
}
const { measureShopBundle } = (await import(path.join(root, "tools", "js-budget.mjs"))) as {
  measureShopBundle: (dir: string) => Measure;
};
const result = measureShopBundle(distDir);
const manifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as {
  rootMainFiles: string[];
};
const floor = manifest.rootMainFiles.reduce(
  (sum, f) => sum + gzipSync(readFileSync(path.join(distDir, f)), { level: 9 }).length,
  0,
);
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
console.log(`framework floor (root scripts, every page): ${kb(floor)} gzip`);
console.log(`shop first load: ${result.scripts.length} scripts, ${kb(result.raw)} raw, ${kb(result.gzip)} gzip`);
console.log(`shop's own share above the floor: ${kb(result.gzip - floor)} gzip`);
console.log(`budget: ${kb(result.budget)} gzip → ${result.gzip <= result.budget ? "within" : "OVER"}`);
process.exit(result.gzip <= result.budget ? 0 : 1);
