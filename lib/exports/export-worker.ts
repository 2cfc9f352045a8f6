import { parentPort, workerData } from "node:worker_threads";
import { closeExportReader } from "@/lib/db/export-reader";
import { isAppError } from "@/lib/errors";
import { type ExportRequest, exportChunks } from "@/lib/exports/chunks";
import type { ToMain, WorkerInput } from "@/lib/exports/export-thread";

// The export worker thread's entry (started by export-thread.ts): it reads the rows, formats them and, for
// XLSX, deflates them, all off the main thread, and posts the bytes in slabs of ~1 MB whose memory is handed
// over, not copied. At most `maxInFlight` slabs wait on the main thread: the next ones are produced only once
// the main thread has passed one on (back-pressure), so memory stays flat whatever the size.
const port = parentPort;
if (!port) throw new Error("export-worker.ts runs only as a worker thread");
const input = workerData as WorkerInput;

const post = (message: ToMain, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let inFlight = 0;
let credit: (() => void) | null = null;
port.on("message", (message: unknown) => {
  if (message !== "ack") return;
  inFlight--;
  credit?.();
  credit = null;
});

async function send(slab: Uint8Array): Promise<void> {
  inFlight++;
  post({ type: "chunk", bytes: slab }, [slab.buffer as ArrayBuffer]);
  while (inFlight >= input.maxInFlight) await new Promise<void>((resolve) => (credit = resolve));
}

// A slab is allocated outside Node's shared pool (Buffer.allocUnsafeSlow): handing a pooled buffer's memory to
// another thread would take the other small buffers living in it along. Strings are encoded straight into it.
let slab = Buffer.allocUnsafeSlow(input.slabBytes);
let used = 0;

async function flush(): Promise<void> {
  if (used === 0) return;
  const full = slab.subarray(0, used);
  slab = Buffer.allocUnsafeSlow(input.slabBytes);
  used = 0;
  await send(full);
}

async function add(part: string | Uint8Array): Promise<void> {
  // a UTF-16 code unit is at most 3 bytes of UTF-8
  const most = typeof part === "string" ? part.length * 3 : part.length;
  if (used + most > slab.length) await flush();
  if (most > slab.length) {
    const own = Buffer.allocUnsafeSlow(typeof part === "string" ? Buffer.byteLength(part) : part.length);
    if (typeof part === "string") own.write(part);
    else own.set(part);
    await send(own);
    return;
  }
  if (typeof part === "string") used += slab.write(part, used);
  else {
    slab.set(part, used);
    used += part.length;
  }
}

async function run(request: ExportRequest): Promise<void> {
  let outcome: ToMain = { type: "end" };
  try {
    for await (const part of exportChunks(request, (rows) => post({ type: "progress", rows }))) await add(part);
    await flush();
  } catch (error) {
    // an AppError's Spanish message reaches the job as it is; anything else only as a log line
    const message = error instanceof Error ? error.message : String(error);
    outcome = isAppError(error) ? { type: "error", message, code: error.code } : { type: "error", message };
  }
  // the connections close before the main thread hears the outcome (it ends the thread then)
  await closeExportReader().catch(() => undefined);
  post(outcome);
}

post({ type: "ready" });
void run(input.request);
