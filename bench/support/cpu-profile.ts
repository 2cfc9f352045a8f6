import { writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";

// A CPU profile of one measured step only (seeding, migrations and module loading left out), written when
// BENCH_CPU_PROF names a directory: `BENCH_CPU_PROF=/tmp/p npx tsx bench/sales-export.ts …`, then
// `npx tsx bench/support/profile-summary.ts /tmp/p/<name>.cpuprofile`.
export async function profiled<T>(name: string, body: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return body();
  await mkdir(dir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  try {
    return await body();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}
