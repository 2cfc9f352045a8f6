import { expect, test } from "@playwright/test";
import { type FakeTelegram, startFakeTelegram, textUpdate } from "../tests/channels/fake-telegram";
import {
  type FakeWhatsapp,
  inboundMessage,
  sign,
  startFakeWhatsapp,
  textMessage,
} from "../tests/channels/fake-whatsapp";
import { signIn } from "./console-helpers";

// The whole wiring on the production server: webhooks → the worker server.ts starts → the providers' fakes, and
// the console: a Telegram customer in the inbox with its icon, taken over and answered from the browser, the answer
// reaching Telegram; the admin's Canales page with both channels connected. start-server.sh points the channels at
// the fakes this spec starts 1000 and 2000 ports above the app's.
const appPort = Number(process.env.E2E_PORT ?? 3210);
const TOKEN = "7000000001:AAH-e2e-token_abcdefghijklmnopqrstuv";
let telegram: FakeTelegram;
let whatsapp: FakeWhatsapp;

test.beforeAll(async () => {
  telegram = await startFakeTelegram(TOKEN, appPort + 1000);
  whatsapp = await startFakeWhatsapp({
    token: "EAAG-e2e-token",
    phoneNumberId: "106540352242922",
    port: appPort + 2000,
  });
});
test.afterAll(async () => {
  await Promise.all([telegram?.close(), whatsapp?.close()]);
});

test("a Telegram customer is answered, taken over from the inbox, and receives the staff reply", async ({
  page,
  request,
}) => {
  const chat = 7_063_675_095;
  const delivered = await request.post("/api/channels/telegram", {
    headers: { "x-telegram-bot-api-secret-token": "e2e-telegram-secret" },
    data: textUpdate(chat, 1, "Hola, ¿tienen cascos dieléctricos?"),
  });
  expect(delivered.status()).toBe(200);
  await expect.poll(() => telegram.sent.filter((m) => m.chatId === String(chat)).length).toBe(1);
  expect(telegram.sent[0]?.text).toMatch(/[Cc]asco/);

  await signIn(page, "ventas");
  await page.goto("/dashboard/conversations");
  const row = page.getByRole("link", { name: /Carlos Ruiz/ });
  await expect(row.getByRole("img", { name: "Telegram" })).toBeVisible();
  await row.click();
  await expect(page.getByTestId("conversation-messages")).toContainText("¿tienen cascos dieléctricos?");
  await expect(page.getByTestId("conversation-delivery")).toContainText("Todos los mensajes llegaron al cliente");

  await page.getByRole("button", { name: "Tomar conversación" }).click();
  await expect
    .poll(() => telegram.sent.some((m) => m.text === "Te atiende Equipo de ventas, asesor de Sextinvalle."))
    .toBe(true);
  await page
    .getByLabel("Responder al cliente")
    .fill("Hola Carlos, soy Andrea. Tenemos el dieléctrico a $ 39.000 (IVA incluido).");
  await page.getByRole("button", { name: "Enviar" }).click();
  await expect
    .poll(() => telegram.sent.find((m) => m.text.startsWith("Hola Carlos, soy Andrea"))?.text)
    .toBe("Hola Carlos, soy Andrea. Tenemos el dieléctrico a $ 39.000 (IVA incluido).");
});

test("the admin sees both channels connected, their webhook URLs and the last deliveries", async ({
  page,
  request,
}) => {
  const body = JSON.stringify(
    inboundMessage("106540352242922", "573157778899", textMessage("wamid.e2e-1", "Buenas tardes")),
  );
  const delivered = await request.post("/api/channels/whatsapp", {
    headers: { "content-type": "application/json", "x-hub-signature-256": sign(body, "e2e-app-secret") },
    data: body,
  });
  expect(delivered.status()).toBe(200);
  await expect.poll(() => whatsapp.messages.filter((m) => m.to === "573157778899").length).toBe(1);

  await signIn(page, "admin");
  await page.goto("/dashboard/channels");
  const tg = page.getByTestId("channel-telegram");
  await expect(tg).toContainText("Conectado");
  await expect(tg).toContainText("@sextinvalle_bot");
  await expect(page.getByTestId("webhook-url-telegram")).toHaveText(
    `http://127.0.0.1:${appPort}/api/channels/telegram`,
  );
  const wa = page.getByTestId("channel-whatsapp");
  await expect(wa).toContainText("Conectado");
  await expect(wa).toContainText("Sextinvalle Ltda");
  await expect(wa).toContainText("sin plantilla");
  await expect(page.getByTestId("outbox-whatsapp")).toContainText("Enviado");
  await expect(page.getByTestId("events-whatsapp")).toContainText("Atendido");
});
