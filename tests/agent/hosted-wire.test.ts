import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetProviderCache } from "@/lib/ai/providers";
import { resetEnvCache } from "@/lib/env";
import { runDialog } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { gemini, openAi, skuInResults, startWireFake, type WireReply, type WireRequest } from "./wire-fakes";

// The real provider clients (no mocks) against local servers speaking each wire format: streamed function calls
// are parsed into tool calls that the guarded tools execute; malformed and cut-off streams end in the offline answer.
const PROVIDER_ENV = ["GOOGLE_GENERATIVE_AI_API_KEY", "GEMINI_BASE_URL", "OPENAI_COMPATIBLE_BASE_URL"];

function configure(vars: Record<string, string>) {
  for (const k of PROVIDER_ENV) delete process.env[k];
  Object.assign(process.env, vars);
  resetEnvCache();
  resetProviderCache();
}

describe.each(FLAVOURS)("hosted understanding over the providers' real clients (%s)", (flavour) => {
  let t: TestDatabase;
  let chat = 0;
  let fake: Awaited<ReturnType<typeof startWireFake>> | null = null;
  const chatId = () => `wire-${flavour}-${++chat}`;
  const serve = async (script: (r: WireRequest, i: number) => WireReply, provider: "gemini" | "openai") => {
    fake = await startWireFake(script);
    configure(
      provider === "gemini"
        ? { GOOGLE_GENERATIVE_AI_API_KEY: "test-key", GEMINI_BASE_URL: `${fake.url}/v1beta` }
        : { OPENAI_COMPATIBLE_BASE_URL: `${fake.url}/v1` },
    );
    return fake;
  };
  const linesOf = (id: string) => t.db.orderLine.findMany({ where: { order: { conversation: { chatId: id } } } });
  const lastMessages = async (id: string) => {
    const rows = await t.db.message.findMany({ where: { conversation: { chatId: id } }, orderBy: { id: "asc" } });
    return {
      customer: JSON.parse(rows.at(-2)?.metadata ?? "{}").entendimiento,
      answer: rows.at(-1),
    };
  };

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    process.env.AGENT_MODEL_TIMEOUT_MS = "5000";
  });
  afterEach(async () => {
    await fake?.close();
    fake = null;
    configure({});
  });
  afterAll(async () => {
    delete process.env.AGENT_MODEL_TIMEOUT_MS;
    await t.drop();
  });

  it("Gemini: streamed function calls search and add to the cart; tokens from usageMetadata are stored", async () => {
    const server = await serve((request, i) => {
      if (i === 0) return gemini.functionCall("search_catalog", { query: "casco blanco" });
      if (i === 1) return gemini.functionCall("add_item", { sku: skuInResults(request), quantity: 2 });
      return gemini.text(["Listo, agregué ", "2 cascos ", "blancos."]);
    }, "gemini");
    const id = chatId();
    const [answer] = await runDialog(["quiero 2 cascos blancos"], id);
    expect(answer?.respuesta).toBe("Listo, agregué 2 cascos blancos.");
    expect(answer?.estado_venta).toBe("pendiente");
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    expect((await linesOf(id)).map((l) => [l.productId, l.quantity, l.unitPrice])).toEqual([
      [product.id, 2, product.price],
    ]);
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]?.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(gemini.declaredTools(server.requests[0] as WireRequest)).toContain("add_item");
    expect(gemini.declaredTools(server.requests[0] as WireRequest)).not.toContain("lookup_client");
    const { answer: stored } = await lastMessages(id);
    expect([stored?.inputTokens, stored?.outputTokens]).toEqual([600, 60]);
  });

  it("Gemini: a malformed chunk ends in the offline answer, with nothing added", async () => {
    await serve(() => ({ sse: ['{"candidates": [{"content": {"parts": [{"functionCall": '] }), "gemini");
    const id = chatId();
    const [answer] = await runDialog(["quiero 2 cascos blancos"], id);
    expect(answer?.metadatos).toMatchObject({ respaldo: "error" });
    // the offline producer planned this turn instead: its own reading of the message, not the broken call
    expect((await lastMessages(id)).customer).toMatchObject({ productor: "offline", fallo_modelo: "error" });
    expect(answer?.respuesta).toContain("CAB-001");
  });

  it("Gemini: a stream cut off mid-answer is replaced by the offline answer", async () => {
    await serve(
      (_r, i) =>
        i === 0
          ? gemini.functionCall("search_catalog", { query: "guantes" })
          : { ...gemini.text(["Tenemos guantes ", "de nitrilo a "]), cutAfter: 1 },
      "gemini",
    );
    const id = chatId();
    const [answer] = await runDialog(["¿tienen guantes?"], id);
    expect(answer?.metadatos).toMatchObject({ respaldo: "error" });
    expect(answer?.respuesta).not.toBe("Tenemos guantes ");
    expect(answer?.metadatos.productos.length).toBeGreaterThan(0);
  });

  it("OpenAI-compatible: split arguments are joined; truncated ones are refused as invalid input", async () => {
    const server = await serve((_r, i) => {
      if (i === 0) return openAi.toolCall("search_catalog", ['{"que', 'ry":"casco ', 'blanco"}']);
      if (i === 1) return openAi.toolCall("add_item", ['{"sku":"CAB-001",', '"quan']);
      return openAi.text(["No pude ", "agregarlo, ¿me repites la cantidad?"]);
    }, "openai");
    const id = chatId();
    const [answer] = await runDialog(["quiero cascos blancos"], id);
    expect(server.requests[0]?.path).toBe("/v1/chat/completions");
    expect(server.requests[0]?.body.stream).toBe(true);
    expect(openAi.declaredTools(server.requests[0] as WireRequest)).toContain("search_catalog");
    expect(server.requests[1]?.raw).toContain("CAB-001"); // the search result went back to the model
    expect(answer?.respuesta).toBe("No pude agregarlo, ¿me repites la cantidad?");
    expect(await linesOf(id)).toEqual([]);
    const { customer, answer: stored } = await lastMessages(id);
    expect(customer.herramientas).toMatchObject({
      usadas: ["search_catalog"],
      rechazos: [{ tool: "add_item", code: "entrada_invalida" }],
    });
    expect(stored?.inputTokens).toBe(900);
  });

  it("OpenAI-compatible: a server error answers offline", async () => {
    await serve(() => ({ status: 500, json: { error: { message: "boom", type: "server_error" } } }), "openai");
    const [answer] = await runDialog(["¿tienen cascos?"], chatId());
    expect(answer?.metadatos).toMatchObject({
      respaldo: "error",
      modelo: "offline (respaldo de openai-compatible:llama3.1)",
    });
  });
});
