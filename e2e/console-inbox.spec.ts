import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./console-helpers";

// Take over a live conversation and reply while a second browser context, the customer on the real web
// chat at `/`, receives it live (SSE, no reload); while taken over the bot stays silent, and it answers
// again once the conversation is handed back.
const HOLD_NOTICE = /Un asesor de nuestro equipo está atendiendo esta conversación/;

/** Sends through the customer chat UI and waits for the streamed answer bubble to finish. */
async function customerSays(page: Page, text: string) {
  const answers = page.getByTestId("bot-message");
  const before = await answers.count();
  await page.getByLabel("Escribe tu mensaje").fill(text);
  await page.getByRole("button", { name: "Enviar" }).click();
  await expect(answers).toHaveCount(before + 1);
  await expect(page.getByTestId("typing")).toHaveCount(0);
  return answers.last();
}

test("ventas takes over a live chat, replies, the customer sees it live, and hands it back", async ({
  page,
  browser,
}) => {
  const customer = await browser.newContext();
  const shop = await customer.newPage();
  const staffChannel = shop.waitForResponse((r) => /\/api\/chat\/[^/]+\/events$/.test(r.url()));
  await shop.goto("/");
  const chatPanel = shop.getByRole("region", { name: "Chat con el asesor" });
  await expect(chatPanel).toContainText("Asesor virtual · responde al instante");
  expect((await staffChannel).ok()).toBeTruthy();
  const chatId = await shop.evaluate(() => window.localStorage.getItem("sextinvalle.chatId"));
  expect(chatId).toMatch(/^[A-Za-z0-9_-]+$/);

  await signIn(page, "ventas");
  await page.goto("/dashboard/conversations");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-live", "true");

  // the customer writes in the shop chat and gets the bot's streamed answer; the inbox shows it live
  const firstAnswer = await customerSays(shop, "Hola, necesito cascos");
  await expect(firstAnswer).not.toHaveText(HOLD_NOTICE);
  const row = page.locator(`[data-chat-id="${chatId}"]`);
  await expect(row).toBeVisible({ timeout: 5_000 });
  await row.click();
  const transcript = page.getByTestId("conversation-messages");
  await expect(transcript).toContainText("Hola, necesito cascos");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-live", "true");

  // a marker on the customer's window proves every later change arrives without a reload
  await shop.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });

  await page.getByRole("button", { name: "Tomar conversación" }).click();
  await expect(page.getByText(/Atiende Equipo de ventas/)).toBeVisible();
  await expect(transcript).toContainText("Te atiende Equipo de ventas, asesor de Sextinvalle.");
  await expect(chatPanel).toContainText("Te atiende Equipo de ventas");

  await page.getByLabel("Responder al cliente").fill("Hola, soy Andrea de ventas. ¿Cuántos cascos necesita?");
  await page.getByRole("button", { name: "Enviar" }).click();
  const staffReply = shop.getByTestId("staff-message");
  await expect(staffReply).toHaveText("Hola, soy Andrea de ventas. ¿Cuántos cascos necesita?", { timeout: 2_000 });
  await expect(chatPanel.getByText("Asesor de Sextinvalle", { exact: true })).toBeVisible();
  await expect(transcript).toContainText("Andrea de ventas");

  // while a person attends, the customer's message reaches staff and the bot does not answer it
  const botAnswersBefore = await transcript.locator('[data-role="assistant"]').count();
  const productLists = chatPanel.getByRole("list", { name: "Productos sugeridos" });
  const productListsBefore = await productLists.count();
  const held = await customerSays(shop, "Necesito 10 cascos blancos");
  await expect(held).toHaveText(HOLD_NOTICE);
  await expect(productLists).toHaveCount(productListsBefore);
  await expect(chatPanel.getByRole("group", { name: "Respuestas sugeridas" })).toHaveCount(0);
  await expect(transcript).toContainText("Necesito 10 cascos blancos");
  await expect(transcript.locator('[data-role="assistant"]')).toHaveCount(botAnswersBefore);
  await expect(chatPanel).toContainText("Te atiende Equipo de ventas");

  await page.getByRole("button", { name: "Devolver al bot" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sí, devolver al bot" }).click();
  await expect(page.getByRole("button", { name: "Tomar conversación" })).toBeVisible();
  await expect(chatPanel).toContainText("Asesor virtual · responde al instante");

  // handed back: the bot answers the customer again, with the catalogue
  const resumed = await customerSays(shop, "¿Tienen cascos blancos?");
  await expect(resumed).not.toHaveText(HOLD_NOTICE);
  await expect(
    chatPanel.getByRole("article", { name: /Casco de seguridad tipo I clase E blanco/ }).last(),
  ).toBeVisible();
  await expect(transcript).toContainText("¿Tienen cascos blancos?");
  await expect(transcript.locator('[data-role="assistant"]')).toHaveCount(botAnswersBefore + 1);

  expect(await shop.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await expect(staffReply).toHaveCount(1);
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
