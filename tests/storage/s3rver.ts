import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// A real S3-compatible server (s3rver) as its own child process, on a free port in 4568–4579.
export type S3rver = { endpoint: string; bucket: string; stop: () => Promise<void> };

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`s3rver exited with code ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("s3rver did not start in time");
}

export async function startS3rver(bucket = "sextinvalle-test"): Promise<S3rver> {
  const start = 4568 + (process.pid % 12);
  for (let i = 0; i < 12; i++) {
    const port = 4568 + ((start - 4568 + i) % 12);
    if (!(await portIsFree(port))) continue;
    const dir = mkdtempSync(path.join(os.tmpdir(), "sextinvalle-s3rver-"));
    const bin = path.resolve("node_modules/s3rver/bin/s3rver.js");
    const args = [bin, "-d", dir, "-a", "127.0.0.1", "-p", String(port), "--silent", "--configure-bucket", bucket];
    const child = spawn(process.execPath, args, { stdio: "ignore" });
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await waitForHttp(endpoint, child);
    } catch (error) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      if (i === 11) throw error;
      continue;
    }
    return {
      endpoint,
      bucket,
      stop: async () => {
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once("exit", r));
          child.kill("SIGTERM");
          await exited;
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  throw new Error("no free port for s3rver in 4568–4579");
}
