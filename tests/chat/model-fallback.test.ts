import { simulateReadableStream } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { composeAnswer } from "@/lib/agent/wording/compose";
import type { ChatModel } from "@/lib/ai/providers";
import { answerTurn } from "@/lib/chat/answer";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// A turn never fails because of the model: errors, hangs and invented amounts fall back to the offline
// answer built from the same facts. Checked on answerTurn and through the whole /chat/texto pipeline.
const hosted = vi.hoisted(() => ({ current: null as null | (() => unknown) }));

vi.mock("@/lib/ai/providers", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/ai/providers")>();
  return {
    ...real,
    chatModel: (choice?: Parameters<typeof real.chatModel>[0]) =>
      (hosted.current?.() as ChatModel | undefined) ?? real.chatModel(choice),
  };
});

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

function streaming(deltas: string[]): ChatModel {
  const model = new MockLanguageModelV3({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: "text-start", id: "t" },
          ...deltas.map((delta) => ({ type: "text-delta" as const, id: "t", delta })),
          { type: "text-end", id: "t" },
          { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage },
        ],
      }),
    }),
  });
  return { kind: "gemini", name: "mock", model, multimodal: { image: false, audio: false } };
}

const throwing: ChatModel = {
  kind: "gemini",
  name: "mock-error",
  model: new MockLanguageModelV3({
    doStream: async () => {
      throw new Error("503 from provider");
    },
  }),
  multimodal: { image: false, audio: false },
};

const hanging: ChatModel = {
  kind: "openai-compatible",
  name: "mock-hang",
  model: new MockLanguageModelV3({
    doStream: ({ abortSignal }) =>
      new Promise((_, reject) => abortSignal?.addEventListener("abort", () => reject(new Error("aborted")))),
  }),
  multimodal: { image: false, audio: false },
};

describe("answerTurn with a failing hosted model", () => {
  const facts = {
    intent: "inventario",
    kind: "products",
    greeting: false,
    thanks: false,
    query: "casco",
    products: [
      {
        sku: "CAB-001",
        showSku: true,
        name: "Casco blanco",
        brand: "Steelpro",
        category: "Cabeza",
        price: 38_500,
        stock: 240,
        unit: "unidad",
        standard: null,
        description: "",
      },
    ],
    moreProducts: 0,
    families: [],
    unavailable: null,
    handover: null,
    showCart: false,
    sale: null,
    outcomes: [],
    productRefs: {},
    company: { name: "Sextinvalle", sections: [], summary: false, missing: [] },
    clientLookup: null,
    clientLookupResult: null,
  } as const;
  const companyText = "## Contacto\n- WhatsApp ventas: +57 310 555 0199";
  const base = {
    facts: structuredClone(facts) as never,
    history: [],
    text: "¿tienen cascos?",
    timeoutMs: 200,
    companyText,
  };
  const offline = composeAnswer(base.facts);

  it("streams a hosted model's deltas as they come", async () => {
    const deltas: string[] = [];
    const r = await answerTurn({
      ...base,
      chatModel: streaming(["Sí, el casco ", "(CAB-001) vale ", "$ 38.500."]),
      onDelta: (d) => deltas.push(d),
    });
    expect(deltas).toEqual(["Sí, el casco ", "(CAB-001) vale ", "$ 38.500."]);
    expect(r).toMatchObject({ fallback: null, model: "mock", replaced: false });
  });

  it("falls back when the model throws", async () => {
    const deltas: string[] = [];
    const r = await answerTurn({ ...base, chatModel: throwing, onDelta: (d) => deltas.push(d) });
    expect(r.fallback).toBe("error");
    expect(r.text).toBe(offline);
    expect(deltas.join("")).toBe(offline);
  });

  it("falls back when the model hangs past the timeout", async () => {
    const started = performance.now();
    const r = await answerTurn({ ...base, chatModel: hanging });
    expect(r.fallback).toBe("timeout");
    expect(r.text).toBe(offline);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("replaces an answer that states a price the database does not have", async () => {
    const r = await answerTurn({ ...base, chatModel: streaming(["Claro, el casco vale ", "$ 1.000"]) });
    expect(r).toMatchObject({ fallback: "unverified_facts", replaced: true, text: offline });
    expect(r.problems).toEqual([{ kind: "amount", value: 1000 }]);
  });

  it.each([
    ["a phone number nobody gave", "Escríbenos al 300 999 8877 y listo.", "number"],
    ["a payment channel the company does not offer", "Paga por Nequi y te lo enviamos.", "payment"],
    ["a stock figure that is not the product's", "Quedan 5 unidades del casco.", "stock"],
    ["a SKU no tool returned", "Te recomiendo el XYZ-999.", "sku"],
  ])("replaces an answer that states %s", async (_label, answer, kind) => {
    const r = await answerTurn({ ...base, chatModel: streaming([answer]) });
    expect(r.fallback).toBe("unverified_facts");
    expect(r.text).toBe(offline);
    expect(r.problems.map((p) => p.kind)).toContain(kind);
  });

  it("keeps an answer that repeats the company's own phone and the product's facts", async () => {
    const answer = "El casco (CAB-001) vale $ 38.500; hay 240 unidades. WhatsApp: +57 310 555 0199.";
    const r = await answerTurn({ ...base, chatModel: streaming([answer]) });
    expect(r).toMatchObject({ fallback: null, text: answer, problems: [] });
  });
});

describe("the /chat/texto pipeline with a failing model", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    process.env.AGENT_MODEL_TIMEOUT_MS = "300";
  });
  afterAll(async () => {
    hosted.current = null;
    await t.drop();
  });

  it.each([
    ["throws", () => throwing, "error"],
    ["hangs", () => hanging, "timeout"],
  ])("still answers and stores the turn when the model %s", async (_name, model, fallback) => {
    hosted.current = model;
    const { sendTexto } = await import("./helpers");
    const { status, body } = await sendTexto({
      mensaje: "quiero 2 cascos blancos tipo I de Steelpro",
      chat_id: `fallo-${fallback}`,
    });
    expect(status).toBe(200);
    expect(body.estado_venta).toBe("pendiente");
    expect(body.respuesta).toContain("CAB-001");
    expect(body.metadatos).toMatchObject({ respaldo: fallback });
    const answer = await t.db.message.findFirstOrThrow({
      where: { role: "assistant", conversation: { chatId: `fallo-${fallback}` } },
    });
    expect(answer.model).toContain("offline");
  });
});
