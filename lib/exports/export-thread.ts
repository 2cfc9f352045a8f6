import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "@/lib/errors";
import { type ExportRequest, exportChunks } from "@/lib/exports/chunks";
import type { ProgressFn } from "@/lib/exports/csv";
import { log } from "@/lib/log";

// An export produced on a worker thread (export-worker.ts): reading the rows (better-sqlite3 runs its queries
// synchronously on the calling thread), formatting them and deflating the XLSX no longer hold the main event
// loop, so chat turns and WebSocket messages keep being answered during a 1 M-row export. The main thread only
// passes the bytes on (storage upload) and the progress. The same bytes as `exportChunks` on the calling thread.
export type WorkerInput = { request: ExportRequest; slabBytes: number; maxInFlight: number };
export type ToMain =
  | { type: "ready" }
  | { type: "chunk"; bytes: Uint8Array }
  | { type: "progress"; rows: number }
  | { type: "end" }
  | { type: "error"; message: string; code?: ErrorCode };

/** `entry`: another worker file (tests: one that does not exist). */
export type ThreadOptions = { slabBytes?: number; maxInFlight?: number; entry?: URL };

const SLAB_BYTES = 1 << 20;
/** Slabs waiting on the main thread before the worker stops producing: ~4 MB, whatever the export's size. */
const MAX_IN_FLIGHT = 4;

/**
 * Run from source (tsx, vitest) the worker is TypeScript: Node 20 does not let a worker inherit or be given an
 * ESM loader through `execArgv` (nodejs/node#47747), so a one-line bootstrap registers tsx's loader inside the
 * worker, then imports the entry; the bundled server does the same with the project's source (`workerSource`).
 */
function startWorker(workerData: WorkerInput, entry?: URL): Worker {
  if (entry) return new Worker(entry, { workerData });
  const source = JSON.stringify(workerSource().href);
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${source}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * The worker's TypeScript source. From source it sits beside this module; inside Next's bundle this module is a
 * chunk, and the bundler would only copy the `.ts` file as an untranspiled asset, so the project's own source is
 * used — the server runs under tsx from the project root (`npm start`, the Dockerfile), with `lib/` beside it.
 */
export function workerSource(): URL {
  // A path join, not `new URL("./…", import.meta.url)`: that form is what makes the bundler copy the asset.
  const here = import.meta.url.startsWith("file:") ? fileURLToPath(import.meta.url) : "";
  const dir = here.endsWith(".ts") ? path.dirname(here) : path.join(process.cwd(), "lib", "exports");
  return pathToFileURL(path.join(dir, "export-worker.ts"));
}

function failure(message: Extract<ToMain, { type: "error" }>): Error {
  // an AppError keeps its code and Spanish message; anything else stays internal (the job logs it)
  return message.code ? new AppError(message.code, message.message) : new Error(`export worker: ${message.message}`);
}

let warnedUnavailable = false;

/**
 * The export's bytes, produced on a worker thread and pulled by the caller (back-pressure through credits). A
 * worker that cannot start (its file missing from a build, say) is not a failed export: the export then runs on
 * this thread, with a warning in the log; nothing has been produced yet at that point.
 */
export async function* exportChunksInWorker(
  request: ExportRequest,
  onProgress?: ProgressFn,
  options: ThreadOptions = {},
): AsyncGenerator<Uint8Array> {
  const input: WorkerInput = {
    request,
    slabBytes: options.slabBytes ?? SLAB_BYTES,
    maxInFlight: options.maxInFlight ?? MAX_IN_FLIGHT,
  };
  const worker = startWorker(input, options.entry);
  const ready: Uint8Array[] = [];
  let started = false;
  let unavailable: Error | null = null;
  let ended = false;
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  let progress: Promise<void> = Promise.resolve();
  const signal = () => {
    wake?.();
    wake = null;
  };
  worker.on("message", (message: ToMain) => {
    started = true;
    if (message.type === "ready") return;
    if (message.type === "chunk") ready.push(message.bytes);
    else if (message.type === "progress") {
      const rows = message.rows;
      progress = progress
        .then(() => onProgress?.(rows))
        .catch((error: unknown) => {
          failed ??= error instanceof Error ? error : new Error(String(error));
        });
    } else if (message.type === "end") ended = true;
    else failed ??= failure(message);
    signal();
  });
  worker.on("error", (error) => {
    if (started) failed ??= error;
    else unavailable ??= error;
    signal();
  });
  worker.on("exit", (code) => {
    const stopped = new Error(`export worker stopped (exit code ${code}) before the end of the file`);
    if (started) {
      if (!ended) failed ??= stopped;
    } else unavailable ??= stopped;
    signal();
  });
  try {
    for (;;) {
      if (unavailable) {
        if (!warnedUnavailable)
          log.warn("export worker unavailable, exporting on the main thread", { err: unavailable });
        warnedUnavailable = true;
        yield* toBytes(exportChunks(request, onProgress));
        return;
      }
      if (failed) throw failed;
      const next = ready.shift();
      if (next) {
        yield next;
        worker.postMessage("ack");
        continue;
      }
      if (ended) {
        await progress;
        if (failed) throw failed;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    // finished, failed or abandoned by the reader: the thread (and its database connection) goes away
    await worker.terminate();
  }
}

async function* toBytes(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
}
