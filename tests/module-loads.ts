import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// What a fresh process loads (issue 12: idle RSS). `script` runs as an ES module under tsx in the project root,
// with `env` added; a resolve hook writes down the URL of every module it loads, in order.
const root = path.resolve(import.meta.dirname, "..");

export function modulesLoaded(script: string, env: Record<string, string>): string[] {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), "module-loads-")), "modules.txt");
  const hook = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(out)}, result.url + "\\n");
  return result;
}`;
  const preamble = `import { register } from "node:module";
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});
`;
  execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", preamble + script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return readFileSync(out, "utf8").split("\n").filter(Boolean);
}
