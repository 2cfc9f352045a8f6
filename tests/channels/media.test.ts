import { MockLanguageModelV3 } from "ai/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatModel } from "@/lib/ai/providers";
import { freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { type FakeTelegram, startFakeTelegram, voiceUpdate } from "./fake-telegram";
import { type FakeWhatsapp, inboundMessage, startFakeWhatsapp } from "./fake-whatsapp";
import { configureChannels, drain, postTelegram, postWhatsapp, TG, WA } from "./helpers";

// Voice notes and photos: with a model that reads them they take the multimodal path (the file fetched from the
// provider, turned into text, then an ordinary turn); without one the customer gets a clear Spanish answer and
// nothing is downloaded. The hosted model is the only stand-in here; the providers are wire fakes.
const hosted = vi.hoisted(() => ({
  model: null as null | ChatModel,
  seen: [] as { mediaType: string; bytes: number }[],
}));

vi.mock("@/lib/ai/providers", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/ai/providers")>();
  return { ...real, multimodalModel: () => hosted.model };
});

function readingModel(answer: string): ChatModel {
  const model = new MockLanguageModelV3({
    doGenerate: async (options) => {
      for (const m of options.prompt) {
        if (m.role !== "user") continue;
        for (const part of m.content) {
          if (part.type === "file") {
            const data = part.data as Uint8Array;
            hosted.seen.push({ mediaType: part.mediaType, bytes: data.byteLength });
          }
        }
      }
      return {
        content: [{ type: "text", text: answer }],
        finishReason: { unified: "stop", raw: undefined },
        usage: {
          inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 1, text: 1, reasoning: undefined },
        },
        warnings: [],
      };
    },
  });
  return { kind: "gemini", name: "gemini:mock", model, multimodal: { image: true, audio: true } };
}

const OGG = Buffer.concat([Buffer.from("OggS"), Buffer.alloc(2000, 7)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3000, 1)]);

describe("voice notes and photos through the channels", () => {
  let t: TestDatabase;
  let telegram: FakeTelegram;
  let whatsapp: FakeWhatsapp;

  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    useDatabaseForApp(t.url);
    telegram = await startFakeTelegram(TG.token);
    whatsapp = await startFakeWhatsapp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
    configureChannels({ telegram, whatsapp });
    telegram.addFile("voice-1", "voice/file_12.oga", OGG);
    whatsapp.addMedia("1013859600285441", "image/jpeg", JPEG);
  });
  beforeEach(() => {
    hosted.seen.length = 0;
  });
  afterAll(async () => {
    await Promise.all([telegram?.close(), whatsapp?.close()]);
    await t?.drop();
  });

  it("without a multimodal model a voice note gets a clear answer and is not downloaded", async () => {
    hosted.model = null;
    await postTelegram(voiceUpdate(8080, 1, "voice-1"));
    await drain();
    expect(telegram.sent.at(-1)?.text).toBe(
      "Por ahora no puedo escuchar notas de voz. ¿Me escribes tu consulta en un mensaje de texto, por favor?",
    );
    expect(telegram.calls.some((c) => c.method === "getFile")).toBe(false);
    const stored = await t.db.message.findMany({
      where: { conversation: { channelUserId: "8080" } },
      orderBy: { id: "asc" },
    });
    expect(stored.map((m) => [m.role, m.text])).toEqual([
      ["customer", "[Nota de voz]"],
      ["assistant", telegram.sent.at(-1)?.text],
    ]);
  });

  it("with one, the voice note is fetched from Telegram, transcribed, and answered as that text", async () => {
    hosted.model = readingModel("Quiero 3 cascos blancos tipo I de Steelpro");
    await postTelegram(voiceUpdate(8081, 1, "voice-1"));
    await drain();
    expect(hosted.seen).toEqual([{ mediaType: "audio/ogg", bytes: OGG.length }]);
    const customer = await t.db.message.findFirstOrThrow({
      where: { conversation: { channelUserId: "8081" }, role: "customer" },
    });
    expect(customer.text).toBe("Quiero 3 cascos blancos tipo I de Steelpro");
    expect(JSON.parse(customer.metadata)).toMatchObject({
      canal: "telegram",
      tipo: "audio",
      modelo_multimodal: "gemini:mock",
    });
    const conversation = await t.db.conversation.findFirstOrThrow({ where: { channelUserId: "8081" } });
    expect(conversation.saleState).toBe("pendiente");
    expect(telegram.sent.at(-1)?.text).toMatch(/115\.500/);
  });

  it("a WhatsApp photo is fetched through Graph's media URL and described by the model", async () => {
    hosted.model = readingModel("Casco de seguridad blanco tipo I");
    const photo = {
      id: "wamid.photo-1",
      type: "image",
      image: { id: "1013859600285441", mime_type: "image/jpeg", sha256: "x", caption: "¿Tienen este?" },
    };
    await postWhatsapp(inboundMessage(WA.phoneNumberId, "573188887777", photo));
    await drain();
    expect(hosted.seen).toEqual([{ mediaType: "image/jpeg", bytes: JPEG.length }]);
    const customer = await t.db.message.findFirstOrThrow({
      where: { conversation: { channelUserId: "573188887777" }, role: "customer" },
    });
    expect(customer.text).toBe("¿Tienen este?. Casco de seguridad blanco tipo I");
    expect(JSON.parse(customer.metadata)).toMatchObject({
      tipo: "imagen",
      descripcion_imagen: "Casco de seguridad blanco tipo I",
    });
    expect(whatsapp.messages.at(-1)?.to).toBe("573188887777");
  });

  it("a sticker or location gets the list of what the bot can read", async () => {
    const sticker = {
      id: "wamid.sticker-1",
      type: "sticker",
      sticker: { id: "55", mime_type: "image/webp", animated: false },
    };
    await postWhatsapp(inboundMessage(WA.phoneNumberId, "573188887776", sticker));
    await drain();
    expect(whatsapp.messages.at(-1)?.text).toBe(
      "Por ahora solo leo mensajes de texto, notas de voz y fotos. ¿Me escribes tu consulta, por favor?",
    );
  });
});
