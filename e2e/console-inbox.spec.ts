import { expect, test } from "@playwright/test";
import { signIn } from "./console-helpers";

// Take over a live conversation and reply while the customer, in a second browser context, receives it
// through the web chat's live channel (/api/chat/{id}/events) and the legacy history.
test("ventas takes over a live chat, replies, the customer receives it, and hands it back", async ({
  page,
  browser,
  request,
}) => {
  const chatId = `e2e-${Date.now()}`;
  await signIn(page, "ventas");
  await page.goto("/dashboard/conversations");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-live", "true");

  // the customer writes; the inbox shows the chat without a reload
  const first = await request.post("/chat/texto", { data: { mensaje: "Hola, necesito cascos", chat_id: chatId } });
  expect(first.ok()).toBeTruthy();
  const row = page.locator(`[data-chat-id="${chatId}"]`);
  await expect(row).toBeVisible({ timeout: 5_000 });
  await row.click();

  const customer = await browser.newContext();
  const customerPage = await customer.newPage();
  await customerPage.goto("/chat/health");
  await customerPage.evaluate((id) => {
    const w = window as unknown as { received: unknown[] };
    w.received = [];
    const source = new EventSource(`/api/chat/${id}/events`);
    source.onmessage = (e) => w.received.push(JSON.parse(e.data));
  }, chatId);

  await page.getByRole("button", { name: "Tomar conversación" }).click();
  await expect(page.getByText(/Atiende Equipo de ventas/)).toBeVisible();
  await expect(page.getByTestId("conversation-messages")).toContainText("Un asesor de Sextinvalle está atendiendo");
  await customerPage.waitForFunction(() =>
    (window as unknown as { received: { type: string }[] }).received.some((e) => e.type === "bot_status"),
  );

  await page.getByLabel("Responder al cliente").fill("Hola, soy Andrea de ventas. ¿Cuántos cascos necesita?");
  const sentAt = Date.now();
  await page.getByRole("button", { name: "Enviar" }).click();
  await customerPage.waitForFunction(
    () =>
      (window as unknown as { received: { type: string; mensaje?: string }[] }).received.some(
        (e) => e.type === "staff_message" && e.mensaje?.includes("Andrea de ventas"),
      ),
    undefined,
    { timeout: 2_000 },
  );
  expect(Date.now() - sentAt).toBeLessThan(2_500);
  await expect(page.getByTestId("conversation-messages")).toContainText("Andrea de ventas");

  const history = await request.get(`/chat/historial/${chatId}`);
  expect(JSON.stringify(await history.json())).toContain("Andrea de ventas");

  await page.getByRole("button", { name: "Devolver al bot" }).click();
  await expect(page.getByRole("button", { name: "Tomar conversación" })).toBeVisible();
  await customer.close();
});

test("admin turns the bot off for every chat with a reason, and it is audited", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/dashboard/conversations");
  await page.getByRole("button", { name: "Apagar asesor virtual" }).click();
  await expect(page.locator("#bot-reason-error")).toHaveText(/Indica por qué/);
  await page.getByLabel(/Motivo para apagar/).fill("Inventario en revisión");
  await page.getByRole("button", { name: "Apagar asesor virtual" }).click();
  await expect(page.getByTestId("global-bot")).toContainText("Apagado en todos los chats");
  await page.getByRole("button", { name: "Encender asesor virtual" }).click();
  await expect(page.getByTestId("global-bot")).toContainText("Encendido");
  await page.goto("/dashboard/audit?action=bot.global_off");
  await expect(page.getByTestId("audit-list")).toContainText("Inventario en revisión");
});
