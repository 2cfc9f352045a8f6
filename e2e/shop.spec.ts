import { expect, type Page, test } from "@playwright/test";

// A customer finds a product, buys it and confirms, in Chromium against the production build; a reload
// restores the conversation from the database.
async function say(page: Page, text: string) {
  const before = await page.getByTestId("bot-message").count();
  await page.getByLabel("Escribe tu mensaje").fill(text);
  await page.getByRole("button", { name: "Enviar" }).click();
  await expect(page.getByTestId("bot-message")).toHaveCount(before + 1);
  await expect(page.getByTestId("typing")).toHaveCount(0);
}

test("a customer finds a helmet, buys it, confirms, and a reload restores the chat", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sextinvalle");

  await say(page, "¿Tienen cascos blancos?");
  const card = page.getByRole("article", { name: /Casco de seguridad tipo I clase E blanco/ }).last();
  await expect(card).toContainText("CAB-001");
  await expect(card).toContainText("$ 38.500");
  await expect(card).toContainText("disponibles");

  await say(page, "quiero 2 cascos blancos tipo I de Steelpro");
  await expect(page.getByTestId("cart-state")).toHaveText("Armando el pedido");
  await expect(page.getByTestId("cart-total")).toHaveText("$ 77.000");

  await say(page, "Listo, eso es todo");
  await expect(page.getByTestId("cart-state")).toHaveText("Faltan tus datos");
  await say(page, "Mi nombre es Laura Gómez, cédula 1144556677, teléfono 3104567890, dirección Calle 5 # 38-25, Cali");
  await expect(page.getByTestId("cart-state")).toHaveText("Listo para confirmar");
  await say(page, "Sí, confirmo el pedido");
  await expect(page.getByTestId("cart-state")).toHaveText("Pedido confirmado");
  await expect(page.getByTestId("cart-panel").getByRole("status")).toContainText(/Pedido SV-\d{6} confirmado/);
  await expect(page.getByTestId("bot-message").last()).toContainText("77.000");

  await page.reload();
  await expect(page.getByTestId("user-message")).toHaveCount(5);
  await expect(page.getByTestId("bot-message")).toHaveCount(5);
  await expect(page.getByTestId("cart-state")).toHaveText("Pedido confirmado");
  await expect(page.getByTestId("cart-total")).toHaveText("$ 77.000");

  // a new conversation asks first and keeps this one under "Conversaciones anteriores"
  await page.getByRole("button", { name: "Nueva conversación" }).click();
  await page
    .getByRole("dialog", { name: "¿Empezar una conversación nueva?" })
    .getByRole("button", { name: "Empezar una nueva" })
    .click();
  await expect(page.getByTestId("user-message")).toHaveCount(0);
  await expect(page.getByTestId("cart-state")).toHaveText("Vacío");
  await page.getByRole("button", { name: "Conversaciones anteriores" }).click();
  const past = page.getByRole("dialog", { name: "Conversaciones anteriores" });
  await expect(past).toContainText("Sí, confirmo el pedido");
  await past.getByRole("button", { name: "Abrir" }).first().click();
  await expect(page.getByTestId("user-message")).toHaveCount(5);
  await expect(page.getByTestId("cart-state")).toHaveText("Pedido confirmado");
});

test("suggested replies send a message and the chat works on a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await say(page, "hola");
  const suggestions = page.getByRole("group", { name: "Respuestas sugeridas" });
  const first = suggestions.getByRole("button").first();
  await expect(first).toBeVisible();
  const label = (await first.textContent()) ?? "";
  await first.click();
  await expect(page.getByTestId("user-message").last()).toHaveText(label);
  await expect(page.getByTestId("bot-message")).toHaveCount(2);
});

test("a failed send shows a Spanish error and Reintentar delivers the message", async ({ page }) => {
  await page.goto("/");
  let refused = false;
  await page.route("**/api/chat", async (route) => {
    if (refused || route.request().method() !== "POST") return route.continue();
    refused = true;
    await route.fulfill({
      status: 429,
      contentType: "application/json",
      headers: { "retry-after": "5" },
      body: JSON.stringify({
        error: { code: "rate_limited", message: "Has hecho demasiadas solicitudes. Intenta de nuevo en un momento." },
      }),
    });
  });
  await page.getByLabel("Escribe tu mensaje").fill("¿Tienen guantes de vaqueta?");
  await page.getByRole("button", { name: "Enviar" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Reintentar" });
  await expect(alert).toContainText("Has hecho demasiadas solicitudes");
  await expect(alert).not.toContainText("{");
  await expect(page.getByTestId("bot-message")).toHaveCount(0);

  await alert.getByRole("button", { name: "Reintentar" }).click();
  await expect(page.getByTestId("bot-message")).toHaveCount(1);
  await expect(page.getByTestId("bot-message").last()).toContainText("MAN-002");
  await expect(page.getByTestId("user-message")).toHaveCount(1);
  await expect(alert).toHaveCount(0);
});
