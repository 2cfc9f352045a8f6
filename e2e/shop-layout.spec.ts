import { expect, test } from "@playwright/test";
import {
  browserChatId,
  CUSTOMER_DATA,
  customerAddress,
  DESKTOP,
  expectInViewport,
  expectNoPageScroll,
  expectSingleLine,
  expectTokensUnbroken,
  openChat,
  PHONE,
  say,
  seedTurns,
} from "./shop-helpers";

// The chat as a full-height app shell on a desktop and on a phone: the list scrolls inside itself, the
// composer and the newest message stay in the window, the cart is a side panel or a bottom sheet.
test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(customerAddress()));

for (const [name, size] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  test(`${name}: the composer and the newest answer stay in the window after every answer`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto("/");
    for (const text of [
      "¿Tienen cascos blancos?",
      "y guantes de vaqueta?",
      "quiero 2 cascos blancos tipo I de Steelpro",
    ]) {
      const answer = await say(page, text);
      await expectInViewport(page, page.getByLabel("Escribe tu mensaje"), "the composer");
      await expectInViewport(page, answer, "the newest answer");
      await expectNoPageScroll(page);
    }
  });
}

test("phone: amounts and codes in the answers never break across lines", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  await say(page, "quiero 10 cascos blancos tipo I de Steelpro y 3 extintores");
  // every bubble width from narrow to wide, so each token meets a line end somewhere
  for (let width = 140; width <= 340; width += 6) await expectTokensUnbroken(page, width);
});

test("phone: after 30 turns the newest answer and the composer are in the window", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const chatId = await browserChatId(page);
  const turns = Array.from(
    { length: 29 },
    (_, i) => ["¿tienen guantes de nitrilo?", "¿y botas de seguridad?", "¿qué extintores manejan?"][i % 3] as string,
  );
  await seedTurns(page, chatId, turns);
  await openChat(page, chatId);
  await expect(page.getByTestId("bot-message")).toHaveCount(29);
  await expectInViewport(page, page.getByTestId("bot-message").last(), "the newest restored answer");
  const answer = await say(page, "¿tienen cascos amarillos?");
  await expect(page.getByTestId("bot-message")).toHaveCount(30);
  await expectInViewport(page, answer, "the 30th answer");
  await expectInViewport(page, page.getByLabel("Escribe tu mensaje"), "the composer");
  await expectNoPageScroll(page);
});

test("phone: the cart is a bottom sheet behind a live badge with items and total", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  const badge = page.getByRole("button", { name: /Tu pedido/ });
  await expectInViewport(page, badge, "the cart badge");
  await say(page, "quiero 10 cascos blancos tipo I de Steelpro");
  await expect(badge).toContainText("10 productos");
  await expect(badge).toContainText("$ 385.000");
  await expectInViewport(page, badge, "the cart badge");
  await badge.click();
  const sheet = page.getByRole("dialog", { name: "Tu pedido" });
  await expect(sheet).toBeVisible();
  await expectInViewport(page, sheet.getByTestId("cart-total"), "the cart total in the sheet");
  await expect(sheet.getByTestId("cart-total")).toHaveText("$ 385.000");
  await expect(sheet).toContainText("Casco de seguridad tipo I clase E blanco");
  await expectSingleLine(sheet.locator("[data-nowrap]"), "amounts and codes in the sheet");
  await sheet.getByRole("button", { name: "Cerrar" }).click();
  await expect(sheet).toBeHidden();
});

test("desktop: the cart is a side panel beside the chat; amounts and order numbers never wrap", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto("/");
  await say(page, "quiero 10 cascos blancos tipo I de Steelpro");
  const panel = page.getByTestId("cart-panel");
  await expectInViewport(page, panel.getByTestId("cart-total"), "the cart total");
  const chatBox = await page.getByTestId("chat-log").boundingBox();
  const panelBox = await panel.boundingBox();
  expect(panelBox && chatBox && panelBox.x >= chatBox.x + chatBox.width - 1, "the cart is beside the chat").toBe(true);
  await say(page, "Listo, eso es todo");
  await say(page, CUSTOMER_DATA);
  await say(page, "Sí, confirmo el pedido");
  await expect(page.getByTestId("cart-state")).toHaveText("Pedido confirmado");
  await expectSingleLine(panel.locator("[data-nowrap]"), "amounts, SKUs and order numbers");
  await expect(panel.locator("[data-order-number]")).toHaveText(/^SV-\d{6}$/);
});

test("a message over 1.000 characters is kept whole, counted and not sent cut", async ({ page }) => {
  await page.goto("/");
  const input = page.getByLabel("Escribe tu mensaje");
  const long = "Necesito cotizar elementos de protección para una obra. ".repeat(25).slice(0, 1200);
  await input.fill(long);
  await expect(input).toHaveValue(long);
  await expect(page.getByTestId("composer-counter")).toHaveText("1.200 / 1.000");
  await expect(page.getByRole("button", { name: "Enviar" })).toBeDisabled();
  await expect(page.getByTestId("composer-hint")).toContainText("supera el límite");
  await input.fill(long.slice(0, 990));
  await expect(page.getByTestId("composer-counter")).toHaveText("990 / 1.000");
  await expect(page.getByRole("button", { name: "Enviar" })).toBeEnabled();
});

test("a customer who scrolled up is not dragged down: a 'nuevos mensajes' pill brings them back", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const chatId = await browserChatId(page);
  await seedTurns(
    page,
    chatId,
    Array.from({ length: 8 }, () => "¿tienen guantes de nitrilo?"),
  );
  await openChat(page, chatId);
  const log = page.getByTestId("chat-log");
  await log.evaluate((el) => el.scrollTo({ top: 0 }));
  // an answer arriving while the customer reads older messages (sent from another tab of the same chat)
  await seedTurns(page, chatId, ["¿tienen botas de caucho?"]);
  const pill = page.getByRole("button", { name: /nuevos mensajes/i });
  await expect(pill).toBeVisible();
  expect(await log.evaluate((el) => el.scrollTop)).toBeLessThan(50);
  await pill.click();
  await expect(pill).toBeHidden();
  await expectInViewport(page, page.getByTestId("bot-message").last(), "the newest answer");
});
