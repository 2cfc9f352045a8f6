import "dotenv/config";
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { bareNodeRssMb, ensureBuild, rssMb, sampleRss, startAppServer } from "./support/app-server";
import { closedLoop, percentile, tuningMessages } from "./support/harness";
import { createBenchDatabases } from "./support/metrics-db";
import { type BenchRow, printTable, writeRows } from "./support/table";

// The real server (server.ts on a production build, SQLite and PostgreSQL, Redis when it runs) under a burst of
// 100 legacy WebSocket messages sent at once, one per socket, each timed to its complete answer (response_end);
// the floor is the same 100 sockets each sending a frame the server refuses at once (an `error` event: the same
// rate-limit check, parse and send, no turn). Then 20 customers' HTTP turns (POST /chat/texto) for a while,
// against 20 clients reading GET /chat/health. The server's resident memory (VmRSS) idle after start and its peak
// through both loads, against a bare node process.
// Usage: npx tsx bench/websocket.ts [sockets=100] [bursts=3] [httpSeconds=8]
const SOCKETS = Number(process.argv[2] ?? 100);
const BURSTS = Number(process.argv[3] ?? 3);
const HTTP_SECONDS = Number(process.argv[4] ?? 8);
const REDIS = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

const messages = tuningMessages();
// addresses unique to this run: the limits live in the shared Redis and other runs use their own
const run = 1 + Math.floor(Math.random() * 250);
const address = (i: number) => `10.${run}.${Math.floor(i / 250) % 250}.${1 + (i % 250)}`;

type Event = Record<string, unknown> & { type: string };
type Socket = { ws: WebSocket; waitFor: (types: string[]) => Promise<Event> };

function open(base: string, i: number): Promise<Socket> {
  // an unguessable id (a UUID), as a new customer's client mints: the server creates the conversation
  const ws = new WebSocket(`${base.replace("http", "ws")}/ws/chat/${randomUUID()}`, {
    headers: { "x-forwarded-for": address(i) },
  });
  let waiter: { types: string[]; resolve: (e: Event) => void } | undefined;
  ws.on("message", (data) => {
    const event = JSON.parse(String(data)) as Event;
    if (waiter?.types.includes(event.type)) {
      const w = waiter;
      waiter = undefined;
      w.resolve(event);
    }
  });
  const waitFor = (types: string[]) =>
    new Promise<Event>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${types.join("/")} in 60 s`)), 60_000);
      waiter = {
        types,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
    });
  const greeted = waitFor(["connection_status"]);
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.once("open", () => greeted.then(() => resolve({ ws, waitFor }), reject));
  });
}

/** Every socket sends `frame(i)` at the same moment; the time each waits for one of `until`. */
async function burst(sockets: Socket[], frame: (i: number) => unknown, until: string[]) {
  let failed = 0;
  const times = await Promise.all(
    sockets.map(async (s, i) => {
      const answered = s.waitFor([...until, "error"]);
      const t = performance.now();
      s.ws.send(JSON.stringify(frame(i)));
      const event = await answered.catch(() => ({ type: "timeout" }) as Event);
      if (!until.includes(event.type)) failed++;
      return performance.now() - t;
    }),
  );
  return { times, failed };
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? 0 };
};

async function scenario(flavour: string, url: string, floorRss: number, rows: BenchRow[]) {
  const server = await startAppServer(url, REDIS ? { REDIS_URL: REDIS } : {});
  try {
    await new Promise((r) => setTimeout(r, 2_000));
    const idle = rssMb(server.pid);
    const sampler = sampleRss(server.pid);

    const sockets = await Promise.all(Array.from({ length: SOCKETS }, (_, i) => open(server.base, i)));
    const floor = await burst(sockets, () => ({ type: "ping" }), ["error"]);
    const floorStats = stats(floor.times);
    const turnTimes: number[] = [];
    const burstP99: number[] = [];
    let failed = 0;
    for (let b = 0; b < BURSTS; b++) {
      const r = await burst(
        sockets,
        (i) => ({ type: "message", mensaje: messages[(b * SOCKETS + i) % messages.length] }),
        ["response_end", "response_complete"],
      );
      turnTimes.push(...r.times);
      burstP99.push(stats(r.times).p99);
      failed += r.failed;
    }
    const ws = stats(turnTimes);
    for (const s of sockets) s.ws.close();
    const wsPeak = sampler.stop();

    const health = await closedLoop(20, 3, async (w) => {
      const res = await fetch(`${server.base}/chat/health`, { headers: { "x-forwarded-for": address(5000 + w) } });
      await res.arrayBuffer();
      return res.ok;
    });
    const chats = new Map<string, { chat_id: string; chat_token: string }>();
    const httpSampler = sampleRss(server.pid);
    const httpTimes: number[] = [];
    const turns = await closedLoop(20, HTTP_SECONDS, async (w, i) => {
      const started = performance.now();
      // a new customer (and address) every 12 turns keeps each under the per-address chat limit
      const customer = `${w}-${Math.floor(i / 12)}`;
      const known = chats.get(customer);
      const res = await fetch(`${server.base}/chat/texto`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": address(10_000 + w * 1000 + Math.floor(i / 12)),
        },
        body: JSON.stringify({ mensaje: messages[i % messages.length], ...(known ?? {}) }),
      });
      const body = (await res.json()) as { chat_id?: string; chat_token?: string };
      if (!known && body.chat_id && body.chat_token)
        chats.set(customer, { chat_id: body.chat_id, chat_token: body.chat_token });
      httpTimes.push(performance.now() - started);
      return res.ok;
    });
    const peak = Math.max(wsPeak, httpSampler.stop());

    rows.push(
      {
        figure: `WebSocket p99, ${SOCKETS} messages at once (${flavour})`,
        goal: "≤ 1 s",
        value: ws.p99,
        floor: floorStats.p99,
        unit: "ms",
        ok: ws.p99 <= 1000 && failed === 0,
        note:
          `p50 ${Math.round(ws.p50)} ms, max ${Math.round(ws.max)} ms (floor ${floorStats.p50.toFixed(1)} / ` +
          `${Math.round(floorStats.max)} ms); ${BURSTS} bursts, p99 of each ${burstP99.map(Math.round).join(" / ")} ms` +
          `${failed ? `; ${failed} failed` : ""}`,
      },
      ...(HTTP_SECONDS > 0
        ? [
            {
              figure: `HTTP turns/s, 20 customers, server.ts (${flavour})`,
              goal: "≥ 300",
              value: turns.perSecond,
              floor: health.perSecond,
              unit: "/s",
              ok: turns.perSecond >= 300 && turns.failed === 0,
              note:
                `floor: GET /chat/health; a turn's p50 ${Math.round(stats(httpTimes).p50)} ms, ` +
                `p99 ${Math.round(stats(httpTimes).p99)} ms${turns.failed ? `; ${turns.failed} failed` : ""}`,
            },
          ]
        : []),
      {
        figure: `server RSS idle after start (${flavour})`,
        goal: "≤ 250 MB",
        value: idle,
        floor: floorRss,
        unit: "MB",
        ok: idle <= 250,
        note: "floor: a bare node process (with tsx under BENCH_SERVER_TSX=1)",
      },
      {
        figure: `server RSS peak, WS burst + HTTP load (${flavour})`,
        goal: "≤ 500 MB",
        value: peak,
        floor: idle,
        unit: "MB",
        ok: peak <= 500,
        note: `floor: the same process idle; WS burst peak ${Math.round(wsPeak)} MB`,
      },
    );
  } finally {
    await server.stop();
  }
}

async function main() {
  ensureBuild();
  const dbs = await createBenchDatabases();
  const rows: BenchRow[] = [];
  try {
    const floorRss = await bareNodeRssMb();
    const flavours = (process.env.BENCH_FLAVOURS ?? "sqlite,postgres").split(",");
    for (const b of dbs.filter((d) => flavours.includes(d.flavour))) {
      // the bench's own client lets go of the database: the server is the one using it
      await b.db.$disconnect();
      await scenario(b.flavour, b.url, floorRss, rows);
      writeRows("websocket", rows);
    }
  } finally {
    for (const b of dbs) await b.drop();
  }
  printTable(rows);
  writeRows("websocket", rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
