import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAudio } from "@/app/chat/audio/route";
import { POST as postImage } from "@/app/chat/imagen/route";
import { resetProviderCache } from "@/lib/ai/providers";
import { resetEnvCache } from "@/lib/env";
import { gemini, startWireFake } from "../agent/wire-fakes";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { upload } from "./helpers";

// POST /chat/imagen and /chat/audio as the previous system's clients call them (CONTRACT.md): its form fields
// (llm included) and its ChatResponse, whose metadatos add descripcion_imagen or transcripcion, tipo_archivo,
// tamaño_archivo and estado_venta. The real Gemini client reads and transcribes against a local fake server.
const ctx = { params: Promise.resolve({}) };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const HEARD = "quiero tres cascos blancos";

describe.each(FLAVOURS)("legacy media messages on %s", (flavour) => {
  let t: TestDatabase;
  let fake: Awaited<ReturnType<typeof startWireFake>>;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    fake = await startWireFake((request) =>
      request.path.includes(":generateContent")
        ? {
            status: 200,
            json: { candidates: [{ content: { role: "model", parts: [{ text: HEARD }] }, finishReason: "STOP" }] },
          }
        : gemini.text(["Claro, ", "te ayudo con eso."]),
    );
    Object.assign(process.env, {
      GOOGLE_GENERATIVE_AI_API_KEY: "test-key",
      GEMINI_BASE_URL: `${fake.url}/v1beta`,
      AGENT_UNDERSTANDING: "offline",
    });
    resetEnvCache();
    resetProviderCache();
  });
  afterAll(async () => {
    for (const k of ["GOOGLE_GENERATIVE_AI_API_KEY", "GEMINI_BASE_URL", "AGENT_UNDERSTANDING"]) delete process.env[k];
    resetEnvCache();
    resetProviderCache();
    await fake.close();
    await t.drop();
  });

  it("/chat/audio: the previous fields in, ChatResponse out with transcripcion and the file's facts in metadatos", async () => {
    const bytes = new Uint8Array(64);
    const res = await postAudio(
      upload("/chat/audio", { audio: new Blob([bytes], { type: "audio/mpeg" }), llm: "gemini" }),
      ctx,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "success", tipo_mensaje: "venta" });
    expect(body.metadatos).toMatchObject({
      transcripcion: HEARD,
      tipo_archivo: "audio/mpeg",
      tamaño_archivo: bytes.byteLength,
      estado_venta: body.estado_venta,
    });
    expect(body.metadatos.estado_venta).toBeTruthy();
  });

  it("/chat/imagen: descripcion_imagen, tipo_archivo and tamaño_archivo in metadatos; an unknown llm is a 400", async () => {
    const res = await postImage(
      upload("/chat/imagen", {
        imagen: new Blob([PNG], { type: "image/png" }),
        mensaje: "¿tienen este?",
        llm: "gemini",
      }),
      ctx,
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.metadatos).toMatchObject({
      descripcion_imagen: HEARD,
      tipo_archivo: "image/png",
      tamaño_archivo: PNG.byteLength,
    });
    const bad = await postImage(
      upload("/chat/imagen", { imagen: new Blob([PNG], { type: "image/png" }), llm: "otro" }),
      ctx,
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.llm).toBeTruthy();
  });
});
