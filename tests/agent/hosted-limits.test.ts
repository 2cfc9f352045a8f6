import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ChatModel } from "@/lib/ai/providers";
import { resetEnvCache } from "@/lib/env";
import { createApiKeyFor, runDialog, sendTexto } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { afterSearch } from "./purchase-script";
import { cop, resultOf, scriptedModel } from "./scripted-model";

// What bounds a hosted model besides the cart guards: staff-only tools, the step bound, the facts check of its final
// text, the token budgets and the wording-only switch; and the record of where it disagreed with the offline reading.
const hosted = vi.hoisted(() => ({ current: null as null | ChatModel }));
vi.mock("@/lib/ai/providers", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/ai/providers")>();
  return {
    ...real,
    chatModel: (choice?: Parameters<typeof real.chatModel>[0]) => hosted.current ?? real.chatModel(choice),
  };
});

describe.each(FLAVOURS)("hosted understanding within its bounds (%s)", (flavour) => {
  let t: TestDatabase;
  let chat = 0;
  const chatId = () => `hosted-limit-${flavour}-${++chat}`;
  const customerMeta = async (id: string) => {
    const m = await t.db.message.findFirstOrThrow({
      where: { role: "customer", conversation: { chatId: id } },
      orderBy: { id: "desc" },
    });
    return JSON.parse(m.metadata).entendimiento;
  };

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterEach(() => {
    hosted.current = null;
    for (const k of [
      "AGENT_MAX_TOOL_STEPS",
      "AGENT_TOKEN_BUDGET_PER_CONVERSATION",
      "AGENT_TOKEN_BUDGET_PER_DAY",
      "AGENT_UNDERSTANDING",
    ])
      delete process.env[k];
    resetEnvCache();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("never offers lookup_client to an anonymous customer, and a call to it is refused", async () => {
    const client = await t.db.client.findFirst();
    const model = scriptedModel((view) =>
      view.results.length === 0
        ? {
            calls: [{ tool: "lookup_client", input: { scope: "info", documentNumber: client?.documentNumber ?? "1" } }],
          }
        : { text: "No puedo compartir datos de otros clientes." },
    );
    hosted.current = model;
    const id = chatId();
    const [answer] = await runDialog([`dame los datos del cliente ${client?.documentNumber ?? "1"}`], id);
    expect(model.calls[0]?.tools).not.toContain("lookup_client");
    expect(model.calls[1]?.results[0]?.ok).toBe(false);
    expect((await customerMeta(id)).herramientas.rechazos).toEqual([
      { tool: "lookup_client", code: "herramienta_no_disponible" },
    ]);
    if (client) expect(answer?.respuesta).not.toContain(client.name);
  });

  it("offers lookup_client to staff, whose answer may state what the lookup returned", async () => {
    const client = await t.db.client.findFirstOrThrow({ where: { orders: { some: {} } } });
    const model = scriptedModel((view) => {
      const found = resultOf(view, "lookup_client");
      if (!found)
        return { calls: [{ tool: "lookup_client", input: { scope: "info", documentNumber: client.documentNumber } }] };
      const data = (found.result as { client: { name: string; documentNumber: string } }).client;
      return { text: `El cliente es ${data.name}, documento ${data.documentNumber}.` };
    });
    hosted.current = model;
    const key = await createApiKeyFor(t.db, "ventas");
    const { body } = await sendTexto(
      { mensaje: `datos del cliente ${client.documentNumber}` },
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(model.calls[0]?.tools).toContain("lookup_client");
    expect(body.tipo_mensaje).toBe("cliente");
    expect(body.respuesta).toBe(`El cliente es ${client.name}, documento ${client.documentNumber}.`);
  });

  it("stops a model that keeps calling tools at the step bound and answers offline", async () => {
    process.env.AGENT_MAX_TOOL_STEPS = "3";
    resetEnvCache();
    const model = scriptedModel(() => ({ calls: [{ tool: "search_catalog", input: { query: "casco" } }] }));
    hosted.current = model;
    const [answer] = await runDialog(["¿tienen cascos?"], chatId());
    expect(model.calls).toHaveLength(3);
    expect(answer?.metadatos).toMatchObject({ respaldo: "empty" });
    expect(answer?.metadatos.productos.length).toBeGreaterThan(0);
  });

  it("replaces a final text stating an amount no tool returned by the offline answer", async () => {
    hosted.current = scriptedModel(afterSearch(() => [], "El casco blanco vale $ 12.345."));
    const [answer] = await runDialog(["¿cuánto vale el casco blanco?"], chatId());
    expect(answer?.metadatos).toMatchObject({ respaldo: "unverified_facts" });
    expect(answer?.respuesta).not.toContain("12.345");
    expect(answer?.respuesta).toContain(cop(38_500));
  });

  it("records where the two producers disagree", async () => {
    hosted.current = scriptedModel((view) =>
      view.results.length === 0
        ? { calls: [{ tool: "hand_over_to_human", input: {} }] }
        : { text: "Te comunico con un asesor." },
    );
    const id = chatId();
    await runDialog(["quiero 2 cascos blancos"], id);
    expect((await customerMeta(id)).desacuerdo).toMatchObject({
      intent: { offline: "venta", hosted: "contexto" },
      events: { hosted: [] },
    });
  });

  it("answers offline once the conversation's token budget is spent", async () => {
    process.env.AGENT_TOKEN_BUDGET_PER_CONVERSATION = "100";
    resetEnvCache();
    const model = scriptedModel(afterSearch(() => [], "Tenemos cascos."));
    hosted.current = model;
    const id = chatId();
    const [, second] = await runDialog(["¿tienen cascos?", "¿y guantes?"], id);
    expect(model.calls).toHaveLength(2);
    expect(second?.metadatos.modelo).toBe("offline");
    expect((await customerMeta(id)).presupuesto_agotado).toBe("conversation");
  });

  it("answers offline once the day's token budget is spent", async () => {
    process.env.AGENT_TOKEN_BUDGET_PER_DAY = "0";
    resetEnvCache();
    const model = scriptedModel(afterSearch(() => [], "Tenemos cascos."));
    hosted.current = model;
    const id = chatId();
    await runDialog(["¿tienen cascos?"], id);
    process.env.AGENT_TOKEN_BUDGET_PER_DAY = "1";
    resetEnvCache();
    const [answer] = await runDialog(["¿y guantes?"], chatId());
    expect(model.calls).toHaveLength(2);
    expect(answer?.metadatos.modelo).toBe("offline");
  });

  it("with AGENT_UNDERSTANDING=offline the model only words the offline plan (no tools offered)", async () => {
    process.env.AGENT_UNDERSTANDING = "offline";
    resetEnvCache();
    const model = scriptedModel(() => ({ text: "Claro, tenemos cascos." }));
    hosted.current = model;
    const id = chatId();
    const [answer] = await runDialog(["¿tienen cascos?"], id);
    expect(model.calls.map((c) => c.tools)).toEqual([[]]);
    expect(answer?.respuesta).toBe("Claro, tenemos cascos.");
    expect((await customerMeta(id)).productor).toBe("offline");
  });
});
