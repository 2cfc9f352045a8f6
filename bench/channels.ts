import { NextRequest } from "next/server";
import { POST as whatsappWebhook } from "@/app/api/channels/whatsapp/route";
import { claimDue } from "@/lib/db/channel-queue";
import { resetEnvCache } from "@/lib/env";
import { inboundMessage, sign, textMessage } from "@/tests/channels/fake-whatsapp";
import { type BenchDb, createBenchDatabases } from "./support/metrics-db";

// Channel hot paths on SQLite and PostgreSQL, each next to a floor measured in the same run:
// - a WhatsApp webhook delivery acknowledged (signature, parse, idempotent insert) vs a bare insert of the same row;
// - claiming due outbox rows with a backlog (an outage left `BACKLOG` unsent messages for many customers) vs reading
//   20 rows by the same index without the per-customer ordering. `npx tsx bench/channels.ts [deliveries] [backlog]`
const DELIVERIES = Number(process.argv[2] ?? 400);
const BACKLOG = Number(process.argv[3] ?? 20_000);
const SECRET = "bench-app-secret";
const PHONE = "106540352242922";

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const fmt = (ms: number) => `${ms.toFixed(2).padStart(7)} ms`;

async function timeEach(n: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  return times;
}

function report(label: string, times: number[], floor: number[]) {
  const ratio = pct(times, 0.5) / Math.max(0.001, pct(floor, 0.5));
  console.log(
    `  ${label.padEnd(34)} p50 ${fmt(pct(times, 0.5))}  p99 ${fmt(pct(times, 0.99))}   floor p50 ${fmt(pct(floor, 0.5))}  ×${ratio.toFixed(1)}`,
  );
}

async function webhook(b: BenchDb, tag: string) {
  const floor = await timeEach(DELIVERIES, async (i) => {
    await b.db.channelEvent.create({
      data: {
        channel: "whatsapp",
        externalId: `floor-${tag}-${i}`,
        orderKey: `whatsapp:57300${i % 50}`,
        kind: "text",
        payload: "{}",
      },
    });
  });
  const times = await timeEach(DELIVERIES, async (i) => {
    const body = JSON.stringify(
      inboundMessage(PHONE, `57300${i % 50}`, textMessage(`wamid.bench-${tag}-${i}`, "Hola, ¿tienen cascos?")),
    );
    const req = new NextRequest("http://localhost/api/channels/whatsapp", {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": sign(body, SECRET) },
      body,
    });
    const res = await whatsappWebhook(req, { params: Promise.resolve({}) });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  });
  report("webhook delivery acknowledged", times, floor);
}

async function backlog(b: BenchDb) {
  const rows = Array.from({ length: BACKLOG }, (_, i) => ({
    channel: "telegram",
    chatId: `tg-bench-${i % 2_000}`,
    recipient: String(i % 2_000),
    orderKey: `telegram:${i % 2_000}`,
    kind: "text",
    payload: '{"type":"text","text":"hola","author":"bot"}',
    dedupeKey: `bench-${i}`,
  }));
  for (let i = 0; i < rows.length; i += 2_000) await b.db.outboxMessage.createMany({ data: rows.slice(i, i + 2_000) });
  const floor = await timeEach(30, async () => {
    await b.db.outboxMessage.findMany({
      where: { status: { in: ["pending", "working"] }, nextAttemptAt: { lte: new Date() } },
      orderBy: { id: "asc" },
      take: 20,
      select: { id: true, orderKey: true },
    });
  });
  // claims far in the past never win a row (nothing is due then), so each run measures the full query work
  const times = await timeEach(30, async () => {
    await claimDue("outboxMessage", { owner: "bench", leaseMs: 1, limit: 20, now: new Date(0) });
  });
  report(`claim with ${BACKLOG.toLocaleString("es-CO")} queued (2 000 customers)`, times, floor);
}

async function main() {
  process.env.WHATSAPP_ACCESS_TOKEN = "bench";
  process.env.WHATSAPP_APP_SECRET = SECRET;
  process.env.WHATSAPP_VERIFY_TOKEN = "bench";
  process.env.WHATSAPP_PHONE_NUMBER_ID = PHONE;
  process.env.LOG_LEVEL = "error";
  const dbs = await createBenchDatabases();
  try {
    for (const b of dbs) {
      process.env.DATABASE_URL = b.url;
      resetEnvCache();
      console.log(`\n[${b.flavour}]`);
      await webhook(b, b.flavour);
      await backlog(b);
    }
  } finally {
    await Promise.all(dbs.map((b) => b.drop()));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
