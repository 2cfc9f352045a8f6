import { type ChildProcess, spawn } from "node:child_process";

// A second app instance on its own port and database, reusing the build of the suite's server, for tests
// that need a setting the shared server cannot have (the real per-address limit).
export type SecondServer = { baseURL: string; stop: () => Promise<void> };

export async function startSecondServer(port: number, env: Record<string, string>): Promise<SecondServer> {
  const mainPort = Number(process.env.E2E_PORT ?? 3210);
  const child: ChildProcess = spawn("bash", ["e2e/start-server.sh", String(port)], {
    env: { ...process.env, E2E_SKIP_BUILD: "1", NEXT_DIST_DIR: `.next-e2e-${mainPort}`, ...env },
    stdio: "ignore",
    detached: true,
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseURL}/chat/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`second server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    baseURL,
    stop: async () => {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}
