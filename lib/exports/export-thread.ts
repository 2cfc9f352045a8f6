import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode } from "@/lib/errors";
import type { ExportRequest } from "@/lib/exports/chunks";
import type { ProgressFn } from "@/lib/exports/csv";

// An export produced on a worker thread (export-worker.ts): reading the rows (better-sqlite3 runs its queries
// synchronously on the calling thread), formatting them and deflating the XLSX no longer hold the main event
// loop, so chat turns and WebSocket messages keep being answered during a 1 M-row export. The main thread only
// passes the bytes on (storage upload) and the progress. The same bytes as `exportChunks` on the calling thread.
export type WorkerInput = { request: ExportRequest; slabBytes: number; maxInFlight: number };
export type ToMain =
  | { type: "chunk"; bytes: Uint8Array }
  | { type: "progress"; rows: number }
  | { type: "end" }
  | { type: "error"; message: string; code?: ErrorCode };

export type ThreadOptions = { slabBytes?: number; maxInFlight?: number };

const SLAB_BYTES = 1 << 20;
/** Slabs waiting on the main thread before the worker stops producing: ~4 MB, whatever the export's size. */
const MAX_IN_FLIGHT = 4;

/**
 * Run from source (tsx, vitest) the worker is TypeScript: Node 20 does not let a worker inherit or be given an
 * ESM loader through `execArgv` (nodejs/node#47747), so a one-line bootstrap registers tsx's loader inside the
 * worker, then imports the entry. Bundled (`next build`), `new Worker(new URL(…))` is the form the bundler
 * turns into a chunk of its own.
 */
function startWorker(workerData: WorkerInput): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./export-worker.ts", import.meta.url), { workerData });
  const entry = JSON.stringify(new URL("./export-worker.ts", import.meta.url).href);
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${entry}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function failure(message: Extract<ToMain, { type: "error" }>): Error {
  // an AppError keeps its code and Spanish message; anything else stays internal (the job logs it)
  return message.code ? new AppError(message.code, message.message) : new Error(`export worker: ${message.message}`);
}

/** The export's bytes, produced on a worker thread and pulled by the caller (back-pressure through credits). */
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
  const worker = startWorker(input);
  const ready: Uint8Array[] = [];
  let ended = false;
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  let progress: Promise<void> = Promise.resolve();
  const signal = () => {
    wake?.();
    wake = null;
  };
  worker.on("message", (message: ToMain) => {
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
    failed ??= error;
    signal();
  });
  worker.on("exit", (code) => {
    if (!ended) failed ??= new Error(`export worker stopped (exit code ${code}) before the end of the file`);
    signal();
  });
  try {
    for (;;) {
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
