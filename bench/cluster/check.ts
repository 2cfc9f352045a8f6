import WebSocket from "ws";

// Run by bench/cluster/run.sh against two instances (A, B) and nginx in front of both (N). Exits 1 on any
// inconsistency. Each simulated customer has its own address (X-Forwarded-For to A/B directly, X-Bench-Client
// through nginx), as real customers do.
const A = process.env.CLUSTER_A as string;
const B = process.env.CLUSTER_B as string;
const N = process.env.CLUSTER_N as string;
const KEY = process.env.CLUSTER_ADMIN_KEY as string;
let failures = 0;

function check(name: string, ok: boolean, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"}  ${name}${detail ? `  (${detail})` : ""}`);
  if (!ok) failures++;
}

type Texto = { status: number; body: Record<string, unknown> };
async function texto(base: string, client: string, body: Record<string, unknown>): Promise<Texto> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (base === N) headers["x-bench-client"] = client;
  else headers["x-forwarded-for"] = client;
  const res = await fetch(`${base}/chat/texto`, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function consistency() {
  const first = await texto(A, "10.1.0.1", { mensaje: "hola, tienen cascos amarillos?" });
  const chatId = first.body.chat_id as string;
  const token = first.body.chat_token as string;
  const second = await texto(B, "10.1.0.1", { mensaje: "quiero 2", chat_id: chatId, chat_token: token });
  check(
    "a customer's turns on A then B",
    first.status === 200 && second.status === 200,
    `${first.status}/${second.status}`,
  );
  const history = (await (await fetch(`${A}/chat/historial/${chatId}?token=${token}`)).json()) as { data: unknown[] };
  check(
    "history read on A holds the turn answered by B",
    history.data?.length === 4,
    `${history.data?.length} messages`,
  );

  // the customer listens on A; staff take over on B
  const ws = new WebSocket(`${A.replace("http", "ws")}/ws/chat/${chatId}?token=${token}`, {
    headers: { "x-forwarded-for": "10.1.0.1" },
  });
  const heard = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 5_000);
    ws.on("message", (data) => {
      const event = JSON.parse(String(data)) as { type: string; ia_desactivada?: boolean };
      if (event.type === "bot_status" && event.ia_desactivada === true) {
        clearTimeout(timer);
        resolve(true);
      }
    });
  });
  // a refused socket (no such chat after a failed first turn) is a failed check, not a crash of the script
  const opened = await new Promise<boolean>((resolve) => {
    ws.once("open", () => resolve(true));
    ws.once("error", () => resolve(false));
  });
  check("the customer's WebSocket on A opens", opened);
  const toggle = await fetch(`${B}/chat-control/conversacion/${chatId}/toggle`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ activo: false, motivo: "prueba de clúster" }),
  });
  check(
    "takeover on B reaches the customer's WebSocket on A (Redis bus)",
    toggle.ok && (await heard),
    `${toggle.status}`,
  );
  ws.close();
  const silent = await texto(A, "10.1.0.1", { mensaje: "hola?", chat_id: chatId, chat_token: token });
  check(
    "A stays silent after the takeover on B",
    (silent.body.metadatos as { ia_desactivada?: boolean })?.ia_desactivada === true,
  );

  // one limit across instances: 30 turns a minute per address, whichever instance answers
  const statuses: number[] = [];
  let chat: { chat_id?: string; chat_token?: string } = {};
  for (let i = 0; i < 34; i++) {
    const r = await texto(N, "10.2.0.1", { mensaje: `hola ${i}`, ...chat });
    statuses.push(r.status);
    if (r.status === 200 && !chat.chat_id)
      chat = { chat_id: r.body.chat_id as string, chat_token: r.body.chat_token as string };
  }
  const accepted = statuses.filter((s) => s === 200).length;
  check("the chat rate limit holds across both instances", accepted === 30, `${accepted} of 34 accepted`);

  // catalogue: a price changed through B is what A quotes on its next turn
  type Listed = { id: number; sku: string; precio: number };
  const list = (await (
    await fetch(`${B}/productos?q=casco`, { headers: { authorization: `Bearer ${KEY}` } })
  ).json()) as Listed[] | { data?: Listed[] };
  // the legacy list answers a bare array
  const helmet = Array.isArray(list) ? list[0] : list.data?.[0];
  if (!helmet) return check("a product to change", false, JSON.stringify(list).slice(0, 200));
  const price = helmet.precio + 1_000;
  const put = await fetch(`${B}/productos/${helmet.id}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ precio: price }),
  });
  const quoted = await texto(A, "10.3.0.1", { mensaje: `cuánto vale el ${helmet.sku}?` });
  const products = (
    (quoted.body.metadatos as { productos?: { sku: string; precio: number }[] })?.productos ?? []
  ).filter((p) => p.sku === helmet.sku);
  check(
    "a price changed on B is quoted by A on its next turn",
    put.ok && products[0]?.precio === price,
    `${products[0]?.precio} vs ${price}`,
  );

  // catalogue: a product imported through B (its batch announced on the bus) is found by A's next turn
  const sku = `CLU-${Date.now().toString(36).toUpperCase()}`;
  const imported = await fetch(`${B}/api/console/imports/products?mode=upsert&file=cluster.csv`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "text/csv" },
    body: `sku,nombre,categoria,precio,stock\n${sku},Careta zafiroquetzal para esmerilar,Cara,87000,6\n`,
  });
  const asked = await texto(A, "10.4.0.1", { mensaje: "tienen careta zafiroquetzal?" });
  const shown = ((asked.body.metadatos as { productos?: { sku: string }[] })?.productos ?? []).map((p) => p.sku);
  check(
    "a product imported on B is found by A's next turn",
    imported.ok && shown.includes(sku),
    `${imported.status}; ${shown.slice(0, 3).join(", ")}`,
  );
}

async function throughput(base: string, seconds: number, customers: number) {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: customers }, async (_, c) => {
      let chat: Record<string, string> = {};
      for (let i = 0; Date.now() < until; i++) {
        // a fresh address every 20 turns keeps each simulated customer under the 30-a-minute limit
        const r = await texto(base, `10.9.${c}.${(Math.floor(i / 20) % 250) + 1}`, {
          mensaje: "tienen guantes de nitrilo?",
          ...chat,
        });
        if (r.status === 200) done++;
        if (!chat.chat_id && r.status === 200)
          chat = { chat_id: r.body.chat_id as string, chat_token: r.body.chat_token as string };
      }
    }),
  );
  return done / seconds;
}

async function main() {
  await consistency();
  const one = await throughput(A, 10, 20);
  const two = await throughput(N, 10, 20);
  console.log(
    `\nturns/s, 20 customers: one instance ${one.toFixed(1)}, two behind nginx ${two.toFixed(1)} (×${(two / one).toFixed(2)})`,
  );
  check("throughput grows with the second instance", two > one * 1.2);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
