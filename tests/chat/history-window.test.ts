import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getHistory } from "@/app/chat/historial/[chat_id]/route";
import { ownerHeaders } from "@/tests/chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// A long chat's history (legacy /chat/historial) shows its latest messages, oldest first — 50 unless `limite` asks
// for up to 500 — so the customer sees where the conversation is now, not how it began.
describe.each(FLAVOURS)("chat history window on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  it("returns the newest 500 of 505 messages in chronological order", async () => {
    const chatId = `largo-${flavour}`;
    const conversation = await t.db.conversation.create({ data: { chatId, channel: "web" } });
    await t.db.message.createMany({
      data: Array.from({ length: 505 }, (_, i) => ({
        conversationId: conversation.id,
        role: i % 2 === 0 ? "customer" : "assistant",
        text: `mensaje ${i + 1}`,
      })),
    });
    const url = `http://localhost/chat/historial/${chatId}?limite=500`;
    const res = await getHistory(new NextRequest(url, { headers: ownerHeaders(chatId) }), {
      params: Promise.resolve({ chat_id: chatId }),
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { mensaje: string }[] };
    expect(data).toHaveLength(500);
    expect(data[0]?.mensaje).toBe("mensaje 6");
    expect(data.at(-1)?.mensaje).toBe("mensaje 505");
    expect(data.map((m) => Number(m.mensaje.split(" ")[1]))).toEqual(Array.from({ length: 500 }, (_, i) => i + 6));
    const byDefault = await getHistory(
      new NextRequest(`http://localhost/chat/historial/${chatId}`, { headers: ownerHeaders(chatId) }),
      { params: Promise.resolve({ chat_id: chatId }) },
    );
    const latest = ((await byDefault.json()) as { data: { mensaje: string }[] }).data;
    expect(latest.map((m) => m.mensaje)).toEqual(Array.from({ length: 50 }, (_, i) => `mensaje ${i + 456}`));
  });
});
