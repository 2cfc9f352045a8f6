import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postAudio } from "@/app/chat/audio/route";
import { GET as getHistory } from "@/app/chat/historial/[chat_id]/route";
import { POST as postImage } from "@/app/chat/imagen/route";
import { POST as postTexto } from "@/app/chat/texto/route";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { createApiKeyFor, ownerHeaders, rowCounts, runDialog, sendTexto, textoRequest, upload } from "./helpers";

// Anonymous callers carry no session cookie; next-auth's reader needs Next's request scope (see helpers).
const ctx = { params: Promise.resolve({}) };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe.each(FLAVOURS)("chat API guards on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  const badBodies: [string, string, number, string][] = [
    ["malformed JSON", '{"mensaje": "hola"', 400, "invalid_input"],
    ["wrong type", JSON.stringify({ mensaje: 42 }), 400, "invalid_input"],
    ["unknown field", JSON.stringify({ mensaje: "hola", precio: 1000 }), 400, "invalid_input"],
    ["empty text", JSON.stringify({ mensaje: "   " }), 400, "invalid_input"],
    ["too long", JSON.stringify({ mensaje: "a".repeat(1001) }), 400, "invalid_input"],
    ["bad tone", JSON.stringify({ mensaje: "hola", tono: "grosero" }), 400, "invalid_input"],
    ["long instructions", JSON.stringify({ mensaje: "hola", instrucciones: "x".repeat(501) }), 400, "invalid_input"],
    ["bad chat id", JSON.stringify({ mensaje: "hola", chat_id: "../../etc" }), 400, "invalid_input"],
    ["array body", JSON.stringify(["hola"]), 400, "invalid_input"],
  ];

  it.each(badBodies)("POST /chat/texto rejects %s with a 4xx and stores nothing", async (_name, raw, status, code) => {
    const before = await rowCounts(t.db);
    const res = await postTexto(textoRequest(null, { raw }), ctx);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/[a-záéíóúñ]/i);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("rejects uploads of the wrong type or size, and answers modelo_no_disponible without a model", async () => {
    const before = await rowCounts(t.db);
    const cases: [Response, number, string][] = [
      [
        await postImage(upload("/chat/imagen", { imagen: new Blob(["hola"], { type: "text/plain" }) }), ctx),
        415,
        "unsupported_media_type",
      ],
      [
        await postImage(upload("/chat/imagen", { imagen: new Blob(["no soy png"], { type: "image/png" }) }), ctx),
        415,
        "unsupported_media_type",
      ],
      [
        await postImage(
          upload("/chat/imagen", { imagen: new Blob([new Uint8Array(10 * 1024 * 1024 + 1)], { type: "image/jpeg" }) }),
          ctx,
        ),
        413,
        "payload_too_large",
      ],
      [
        await postImage(upload("/chat/imagen", { imagen: new Blob([PNG], { type: "image/png" }), extra: "x" }), ctx),
        400,
        "invalid_input",
      ],
      [await postImage(upload("/chat/imagen", { mensaje: "sin archivo" }), ctx), 400, "invalid_input"],
      [
        await postAudio(upload("/chat/audio", { audio: new Blob(["x"], { type: "video/mp4" }) }), ctx),
        415,
        "unsupported_media_type",
      ],
      [
        await postAudio(
          upload("/chat/audio", { audio: new Blob([new Uint8Array(25 * 1024 * 1024 + 1)], { type: "audio/mpeg" }) }),
          ctx,
        ),
        413,
        "payload_too_large",
      ],
      [
        await postImage(upload("/chat/imagen", { imagen: new Blob([PNG], { type: "image/png" }) }), ctx),
        503,
        "modelo_no_disponible",
      ],
      [
        await postAudio(upload("/chat/audio", { audio: new Blob([new Uint8Array(64)], { type: "audio/mpeg" }) }), ctx),
        503,
        "modelo_no_disponible",
      ],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("answers client questions only for staff", async () => {
    const question = "¿Qué ha comprado el cliente con cédula 1130456789?";
    const seeded = await t.db.client.findFirstOrThrow({ include: { orders: true }, where: { orders: { some: {} } } });
    const ask = question.replace("1130456789", seeded.documentNumber);
    const anonymous = await sendTexto({ mensaje: ask });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.tipo_mensaje).toBe("cliente");
    expect(anonymous.body.respuesta).not.toContain(seeded.name);
    expect(anonymous.body.respuesta).not.toContain(seeded.phone ?? "@@");
    const badKey = await sendTexto(
      { mensaje: ask },
      { headers: { authorization: "Bearer svk_00000000_invalidinvalidinvalid" } },
    );
    expect(badKey.body.respuesta).not.toContain(seeded.name);

    const key = await createApiKeyFor(t.db, "ventas");
    const staff = await sendTexto({ mensaje: ask }, { headers: { authorization: `Bearer ${key}` } });
    expect(staff.status).toBe(200);
    expect(staff.body.tipo_mensaje).toBe("cliente");
    expect(staff.body.respuesta).toContain(seeded.name.split(" ")[0]);
  });

  it("finds a client by the mobile staff ask with", async () => {
    const seeded = await t.db.client.findFirstOrThrow({ where: { phone: { startsWith: "3" }, orders: { some: {} } } });
    const key = await createApiKeyFor(t.db, "ventas");
    const staff = await sendTexto(
      { mensaje: `cliente con celular ${seeded.phone} q ha pedido` },
      { headers: { authorization: `Bearer ${key}` } },
    );
    expect(staff.body.tipo_mensaje).toBe("cliente");
    expect(staff.body.respuesta).toContain(seeded.name.split(" ")[0]);
  });

  it("stays silent while staff attend the conversation or the bot is off globally", async () => {
    await runDialog(["hola, buenos días"], "toma-control");
    await t.db.conversation.update({ where: { chatId: "toma-control" }, data: { botEnabled: false } });
    const before = await t.db.message.count();
    const silent = await sendTexto({ mensaje: "quiero 3 cascos blancos", chat_id: "toma-control" });
    expect(silent.status).toBe(200);
    expect(silent.body.metadatos.ia_desactivada).toBe(true);
    expect(silent.body.respuesta).toMatch(/asesor/i);
    expect(await t.db.message.count()).toBe(before + 1); // the customer's message only
    expect(await t.db.order.count({ where: { conversation: { chatId: "toma-control" } } })).toBe(0);

    await t.db.setting.create({
      data: { key: "bot.global", value: JSON.stringify({ enabled: false, reason: "mantenimiento" }) },
    });
    const off = await sendTexto({ mensaje: "¿tienen guantes?" });
    expect(off.body.metadatos.ia_desactivada).toBe(true);
    await t.db.setting.delete({ where: { key: "bot.global" } });
    const on = await sendTexto({ mensaje: "¿tienen guantes?" });
    expect(on.body.metadatos.ia_desactivada).toBeUndefined();
  });

  it("returns the history in the legacy shape", async () => {
    const url = "http://localhost/chat/historial/toma-control";
    const res = await getHistory(new NextRequest(url, { headers: ownerHeaders("toma-control") }), {
      params: Promise.resolve({ chat_id: "toma-control" }),
    });
    const body = (await res.json()) as { data: { remitente: string; mensaje: string; metadatos: object }[] };
    expect(body.data.map((m) => m.remitente)).toEqual(["usuario", "agente", "usuario"]);
    expect(body.data[1]?.metadatos).not.toHaveProperty("venta");
    const bad = await getHistory(new NextRequest("http://localhost/chat/historial/x"), {
      params: Promise.resolve({ chat_id: "a b" }),
    });
    expect(bad.status).toBe(400);
  });
});
