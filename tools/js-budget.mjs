#!/usr/bin/env node
// The shop's first-load JavaScript, read from a finished `next build`: the framework's root scripts plus every
// chunk the shop page's client components need, each gzipped as a browser would receive it. Exits 1 above the
// budget, so `npm run build` (and the e2e build) fail when the shop grows past it.
// Usage: node tools/js-budget.mjs [distDir] [--json]
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export const BUDGET_KB = 155;
const PAGE = "/(shop)/page";

export function measureShopBundle(distDir) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8"));
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(
    readFileSync(path.join(distDir, "server", "app", "(shop)", "page_client-reference-manifest.js"), "utf8"),
    sandbox,
  );
  const page = sandbox.__RSC_MANIFEST?.[PAGE];
  if (!page) throw new Error(`no client reference manifest for ${PAGE} in ${distDir}`);
  const files = new Set(manifest.rootMainFiles.map((f) => `/_next/${f}`));
  for (const mod of Object.values(page.clientModules)) for (const chunk of mod.chunks) files.add(chunk);
  const scripts = [...files].map((file) => {
    const bytes = readFileSync(path.join(distDir, file.replace(/^\/_next\//, "")));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = scripts.reduce((s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip }), { raw: 0, gzip: 0 });
  return { scripts, ...total, budget: BUDGET_KB * 1024 };
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const distDir = process.argv.find((a, i) => i > 1 && !a.startsWith("--")) ?? process.env.NEXT_DIST_DIR ?? ".next";
  const result = measureShopBundle(distDir);
  if (process.argv.includes("--json")) console.log(JSON.stringify(result));
  else {
    for (const s of [...result.scripts].sort((a, b) => b.gzip - a.gzip))
      console.log(`  ${s.file.padEnd(48)} ${kb(s.raw).padStart(9)} raw ${kb(s.gzip).padStart(9)} gzip`);
    console.log(
      `shop first load: ${result.scripts.length} scripts, ${kb(result.raw)} raw, ${kb(result.gzip)} gzip (budget ${BUDGET_KB} kB gzip)`,
    );
  }
  if (result.gzip > result.budget) {
    console.error(`The shop's first load is ${kb(result.gzip)} gzipped, over the ${BUDGET_KB} kB budget.`);
    process.exit(1);
  }
}
