import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

// The real server (server.ts under NODE_ENV=production, on a production build) as its own process, for the
// benches that measure what a customer meets: WebSocket bursts, HTTP turns, the process's resident memory.
const root = path.resolve(import.meta.dirname, "../..");
export const BENCH_DIST_DIR = ".next-bench";
const SERVER_ENTRY = path.join(BENCH_DIST_DIR, "custom-server", "server.mjs");
const underTsx = () => process.env.BENCH_SERVER_TSX === "1";

/**
 * `next build` into its own folder once (BENCH_REBUILD=1 forces it); the committed tsconfig.json is kept. The
 * custom server is bundled every time (a fraction of a second), so it always matches the source.
 */
export function ensureBuild(): void {
  if (!existsSync(path.join(root, BENCH_DIST_DIR, "BUILD_ID")) || process.env.BENCH_REBUILD === "1") buildNext();
  // after next build, which empties its folder
  const server = spawnSync(process.execPath, ["tools/build-server.mjs", BENCH_DIST_DIR], {
    cwd: root,
    stdio: "ignore",
  });
  if (server.status !== 0) throw new Error("tools/build-server.mjs failed");
}

function buildNext(): void {
  mkdirSync(path.join(root, ".tmp"), { recursive: true });
  const saved = path.join(root, ".tmp", "tsconfig.bench.json");
  copyFileSync(path.join(root, "tsconfig.json"), saved);
  console.log(`building into ${BENCH_DIST_DIR} (next build)…`);
  const result = spawnSync("npx", ["next", "build"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  });
  copyFileSync(saved, path.join(root, "tsconfig.json"));
  if (result.status !== 0) throw new Error("next build failed");
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set of a process in MB (VmRSS), or NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak seen. */
export function sampleRss(pid: number, everyMs = 25): { stop: () => number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    const now = rssMb(pid);
    if (now > peak) peak = now;
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid) || 0);
    },
  };
}

export type AppServer = { pid: number; base: string; stop: () => Promise<void> };

const BENCH_SECRET = "bench-server-secret-0123456789-abcdefghijklmnop";

/** Starts server.ts on `databaseUrl` and a free port; resolves once /chat/health answers. */
export async function startAppServer(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  // BENCH_SERVER_CPU_PROF=dir: the server writes a V8 CPU profile there when it stops
  const profile = process.env.BENCH_SERVER_CPU_PROF;
  const flags = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  // the built server as `npm start` runs it; BENCH_SERVER_TSX=1: server.ts under tsx, as it ran before issue 12
  const args = underTsx() ? [...flags, "--import", "tsx", "server.ts"] : [...flags, SERVER_ENTRY];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: BENCH_SECRET,
      AUTH_TRUST_HOST: "true",
      // every simulated customer has its own address (X-Forwarded-For), as real customers do
      TRUST_PROXY: "true",
      LOG_LEVEL: "error",
      STORAGE_LOCAL_DIR: path.join(root, ".tmp", `bench-storage-${port}`),
      ...extraEnv,
    },
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.ts exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server.ts did not answer /chat/health in 180 s: ${stderr}`);
    }
    const ok = await fetch(`${base}/chat/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    pid: child.pid as number,
    base,
    stop: async () => {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 8_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** RSS of a bare node process (with tsx under BENCH_SERVER_TSX=1) that has done nothing: what a server starts from. */
export async function bareNodeRssMb(): Promise<number> {
  const tsx = underTsx() ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...tsx, "-e", "setTimeout(() => {}, 60000)"], {
    cwd: root,
    stdio: "ignore",
  });
  await new Promise((r) => setTimeout(r, 1500));
  const mb = rssMb(child.pid as number);
  child.kill("SIGKILL");
  return mb;
}
