import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postChat } from "@/app/api/chat/route";
import { POST as toggleGlobal } from "@/app/chat-control/sistema/toggle/route";
import { POST as createProduct } from "@/app/productos/route";
import { isJsonContentType } from "@/lib/http/body";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { apiKeyFor } from "../exports/helpers";
import { caller, openWebSession } from "./chat-helpers";

// Issue 11, finding 4: a page on another site (another port of the same host is "same-site", so the browser
// attaches our cookies) cannot change state with our cookies: writes that rely on cookies need our own
// Origin, JSON writes need exactly application/json, and no state changes on an empty body.
const ctx = { params: Promise.resolve({}) };

function post(url: string, headers: Record<string, string>, body?: string) {
  return new NextRequest(`http://127.0.0.1:3000${url}`, {
    method: "POST",
    headers: { host: "127.0.0.1:3000", ...headers },
    body,
  });
}

describe("cross-site and odd-content-type writes", () => {
  let t: TestDatabase;
  let adminKey: string;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    adminKey = await apiKeyFor("admin");
  });
  afterAll(async () => t.drop());

  const switchRow = () => t.db.setting.findUnique({ where: { key: "bot.global" } });

  it("refuses a cookie-carrying write from another origin (another port included) with 403 origen_no_permitido", async () => {
    const forged: Record<string, string>[] = [
      { cookie: "authjs.session-token=x", origin: "http://127.0.0.1:4000", "content-type": "application/json" },
      { cookie: "authjs.session-token=x", origin: "null", "content-type": "application/json" },
      { cookie: "authjs.session-token=x", "sec-fetch-site": "same-site", "content-type": "application/json" },
      { cookie: "authjs.session-token=x", "content-type": "application/json" },
    ];
    for (const headers of forged) {
      const res = await toggleGlobal(post("/chat-control/sistema/toggle", headers, '{"activo":false}'), ctx);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await res.json()).error.code).toBe("origen_no_permitido");
    }
    expect(await switchRow()).toBeNull();
  });

  it("accepts our own Origin, and a bearer key from anywhere (a browser never attaches one by itself)", async () => {
    const own = await toggleGlobal(
      post(
        "/chat-control/sistema/toggle",
        { origin: "http://127.0.0.1:3000", authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
        '{"activo":false}',
      ),
      ctx,
    );
    expect(own.status).toBe(200);
    const script = await toggleGlobal(
      post(
        "/chat-control/sistema/toggle",
        { origin: "http://otro.example", authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
        '{"activo":true}',
      ),
      ctx,
    );
    expect(script.status).toBe(200);
    expect(JSON.parse((await switchRow())?.value ?? "{}").enabled).toBe(true);
  });

  it("takes JSON only as exactly application/json, and never flips the switch on an empty body", async () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("application/json; charset=utf-8")).toBe(true);
    expect(isJsonContentType("Application/JSON;charset=UTF-8")).toBe(true);
    for (const odd of ["text/plain; x=json", "text/plain", "application/x-json", "application/json-patch+json", ""]) {
      expect(isJsonContentType(odd), odd).toBe(false);
      const headers: Record<string, string> = { authorization: `Bearer ${adminKey}` };
      if (odd) headers["content-type"] = odd;
      const res = await toggleGlobal(post("/chat-control/sistema/toggle", headers, '{"activo":false}'), ctx);
      expect(res.status, odd).toBe(415);
    }
    const before = await switchRow();
    const empty = await toggleGlobal(
      post("/chat-control/sistema/toggle", { authorization: `Bearer ${adminKey}` }),
      ctx,
    );
    expect(empty.status).toBe(415);
    const emptyJson = await toggleGlobal(
      post("/chat-control/sistema/toggle", { authorization: `Bearer ${adminKey}`, "content-type": "application/json" }),
      ctx,
    );
    expect(emptyJson.status).toBe(400);
    expect((await switchRow())?.value).toBe(before?.value);
    const product = await createProduct(
      post("/productos", { authorization: `Bearer ${adminKey}`, "content-type": "text/plain" }, '{"nombre":"x"}'),
      ctx,
    );
    expect(product.status).toBe(415);
  });

  it("refuses a web chat message sent with the customer's cookie from another site; nothing is stored", async () => {
    const session = await openWebSession(caller());
    const before = await t.db.message.count();
    const res = await postChat(
      new NextRequest("http://127.0.0.1:3000/api/chat", {
        method: "POST",
        headers: {
          host: "127.0.0.1:3000",
          origin: "http://127.0.0.1:4000",
          cookie: session.cookie,
          "content-type": "application/json",
        },
        body: JSON.stringify({ chatId: session.chatId, mensaje: "sí, confirmo" }),
      }),
      ctx,
    );
    expect(res.status).toBe(403);
    expect(await t.db.message.count()).toBe(before);
  });
});
