import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postChat } from "@/app/api/chat/route";
import { GET as health } from "@/app/health/route";
import { GET as productos } from "@/app/productos/route";
import { createDb } from "@/lib/db/client";
import { setupDatabase } from "@/lib/db/setup";
import { createApiKeyFor } from "../chat/helpers";
import { useDatabaseForApp, withDatabase } from "../databases";
import { caller, history, openWebSession, texto } from "./chat-helpers";
import { type PrivatePostgres, privatePostgres } from "./private-postgres";

// Issue 11, finding 6/8: with PostgreSQL down every door answers 503 with Retry-After and a Spanish message,
// quickly, never a 500 or a hang; when it is back the same process serves again. A private server.
describe("PostgreSQL down", () => {
  let pg: PrivatePostgres;
  let url: string;
  let apiKey: string;
  beforeAll(async () => {
    pg = await privatePostgres();
    url = withDatabase(pg.url, "postgres");
    await setupDatabase(url);
    const db = createDb(url);
    apiKey = await createApiKeyFor(db, "admin");
    await db.$disconnect();
    useDatabaseForApp(url);
  }, 120_000);
  afterAll(() => pg?.destroy());

  it("answers 503 with Retry-After on every door while it is down, and serves again once it is back", async () => {
    const customer = caller();
    const first = await texto(customer, { mensaje: "hola" });
    expect(first.status).toBe(200);
    const { chat_id, chat_token } = first.body as { chat_id: string; chat_token: string };
    const session = await openWebSession(caller());

    pg.stop();
    const started = performance.now();
    const outcomes = {
      texto: await texto(caller(), { mensaje: "hola" }),
      continuar: await texto(customer, { mensaje: "¿tienen guantes?", chat_id, chat_token }),
    };
    for (const [name, res] of Object.entries(outcomes)) {
      expect(res.status, name).toBe(503);
      expect(Number(res.headers.get("retry-after")), name).toBeGreaterThan(0);
      expect(res.body.error?.code, name).toBe("unavailable");
      expect(res.body.error?.message, name).toMatch(/base de datos/i);
    }
    const read = await history(customer, chat_id, `?token=${chat_token}`);
    expect(read.status).toBe(503);
    const web = await postChat(
      new NextRequest("http://localhost/api/chat", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: session.cookie,
          origin: "http://localhost",
          "x-sextinvalle-client-ip": "10.1.1.1",
        },
        body: JSON.stringify({ chatId: session.chatId, mensaje: "hola" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(web.status).toBe(503);
    const legacy = await productos(
      new NextRequest("http://localhost/productos", { headers: { authorization: `Bearer ${apiKey}` } }),
      { params: Promise.resolve({}) },
    );
    expect(legacy.status).toBe(503);
    expect(legacy.headers.get("retry-after")).toBeTruthy();
    const probe = await health(new NextRequest("http://localhost/health"), { params: Promise.resolve({}) });
    expect(probe.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(15_000);

    pg.start();
    const back = await texto(customer, { mensaje: "¿tienen guantes?", chat_id, chat_token });
    expect(back.status).toBe(200);
    expect(back.body.tipo_mensaje).toBe("inventario");
  });
});
