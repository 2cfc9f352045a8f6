import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import {
  buttonReply,
  type FakeWhatsapp,
  inboundMessage,
  startFakeWhatsapp,
  statusUpdate,
  textMessage,
} from "./fake-whatsapp";
import { configureChannels, drain, getWhatsapp, postWhatsapp, WA } from "./helpers";

// A whole purchase through the WhatsApp Cloud API webhook: Meta's verification handshake, signed deliveries, read
// receipts, text answers, reply buttons at the confirmation step, a button reply closing the order, and the
// status webhooks of what we sent.
const PURCHASE = [
  "Buenas, necesito 10 pares de guantes de nitrilo recubierto palma talla 9",
  "eso es todo",
  "Soy Andrés Cárdenas, cédula 94512345, cel 3157778899, dirección Carrera 8 # 12-40, Palmira",
];

describe.each(FLAVOURS)("WhatsApp purchase on %s", (flavour) => {
  let t: TestDatabase;
  let whatsapp: FakeWhatsapp;
  const customer = "573157778899";
  let n = 0;
  const wamid = () => `wamid.HBgMNTczMTU3Nzc4ODk5FQIAEhgUM0E${flavour}${(n++).toString().padStart(4, "0")}`;

  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    whatsapp = await startFakeWhatsapp({ token: WA.token, phoneNumberId: WA.phoneNumberId });
    configureChannels({ whatsapp });
  });
  afterAll(async () => {
    await whatsapp?.close();
    await t?.drop();
  });

  it("answers Meta's verification handshake only with the verify token", async () => {
    const ok = await getWhatsapp(`hub.mode=subscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1158201444`);
    expect(ok).toEqual({ status: 200, text: "1158201444" });
    const wrong = await getWhatsapp("hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444");
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.text).error.code).toBe("token_invalido");
    expect((await getWhatsapp("hub.verify_token=x")).status).toBe(400);
  });

  it("takes a purchase to the confirmation step with reply buttons, marking each message read", async () => {
    const ids: string[] = [];
    for (const text of PURCHASE) {
      const id = wamid();
      ids.push(id);
      expect((await postWhatsapp(inboundMessage(WA.phoneNumberId, customer, textMessage(id, text)))).status).toBe(200);
      await drain();
    }
    expect(whatsapp.reads).toEqual(ids);
    expect(whatsapp.messages.map((m) => m.type)).toEqual(["text", "text", "interactive"]);
    const confirmation = whatsapp.messages.at(-1);
    expect(confirmation?.to).toBe(customer);
    expect(confirmation?.buttons).toEqual(["Confirmar|confirmar", "Cambiar algo|cambiar"]);
    expect(confirmation?.text).toMatch(/Andrés Cárdenas/);
    const conversation = await t.db.conversation.findFirstOrThrow({
      where: { channel: "whatsapp", channelUserId: customer },
    });
    expect(conversation).toMatchObject({ customerName: "Laura Gómez", saleState: "listo_para_finalizar" });
  });

  it("the Confirmar reply button closes the order with database prices", async () => {
    const id = wamid();
    const res = await postWhatsapp(
      inboundMessage(WA.phoneNumberId, customer, buttonReply(id, "confirmar", "Confirmar")),
    );
    expect(res.status).toBe(200);
    await drain();
    const order = await t.db.order.findFirstOrThrow({
      where: { conversation: { channelUserId: customer } },
      include: { lines: true },
    });
    expect(order).toMatchObject({ state: "cerrada", channel: "whatsapp", customerDocument: "94512345" });
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: order.lines[0]?.sku ?? "" } });
    expect(order.lines[0]).toMatchObject({ quantity: 10, unitPrice: product.price, subtotal: product.price * 10 });
    const last = whatsapp.messages.at(-1);
    expect(last?.type).toBe("text");
    expect(last?.text).toContain(order.number);
    expect(whatsapp.reads.at(-1)).toBe(id);
  });

  it("records delivery statuses of sent messages, never going backwards", async () => {
    const sent = whatsapp.messages.at(-1);
    if (!sent) throw new Error("nothing sent");
    for (const status of ["delivered", "read", "delivered"]) {
      expect((await postWhatsapp(statusUpdate(WA.phoneNumberId, sent.id, status, customer))).status).toBe(200);
    }
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { providerMessageId: sent.id } });
    expect(row).toMatchObject({ status: "done", deliveryStatus: "read" });
  });

  it("ignores deliveries for another phone number of the business account", async () => {
    const before = await t.db.channelEvent.count();
    const other = inboundMessage("999999999999999", customer, textMessage(wamid(), "hola"));
    expect((await postWhatsapp(other)).status).toBe(200);
    expect(await t.db.channelEvent.count()).toBe(before);
  });
});
