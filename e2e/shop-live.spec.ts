import { expect, test } from "@playwright/test";
import { signIn } from "./console-helpers";
import { CUSTOMER_DATA, chatIdOf, customerAddress, newCustomerPage, say } from "./shop-helpers";

// What staff do in the console reaches the customer's open page at once (the chat's event stream), and
// the order panel always shows the database: a confirmed order survives a takeover, a staff reply, a
// hand-back and a reload.
test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(customerAddress()));

test("a confirmed order stays in 'Tu pedido' through takeover, staff reply, hand-back and reload", async ({
  page,
  browser,
}) => {
  const { context: customer, page: shop } = await newCustomerPage(browser);
  await shop.goto("/");
  await say(shop, "quiero 2 cascos blancos tipo I de Steelpro");
  await say(shop, "Listo, eso es todo");
  await say(shop, CUSTOMER_DATA);
  await say(shop, "Sí, confirmo el pedido");
  const panel = shop.getByTestId("cart-panel");
  await expect(shop.getByTestId("cart-state")).toHaveText("Pedido confirmado");
  const number = (await panel.locator("[data-order-number]").first().textContent()) ?? "";
  expect(number).toMatch(/^SV-\d{6}$/);
  const chatId = await chatIdOf(shop);
  await shop.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });

  const expectOrderShown = async () => {
    await expect(shop.getByTestId("cart-state")).toHaveText("Pedido confirmado");
    await expect(panel.locator("[data-order-number]").first()).toHaveText(number);
    await expect(panel.getByTestId("cart-total")).toHaveText("$ 77.000");
  };

  await signIn(page, "ventas");
  await page.goto(`/dashboard/conversations/${chatId}`);
  await page.getByRole("button", { name: "Tomar conversación" }).click();
  const notices = shop.getByTestId("system-notice");
  await expect(notices.last()).toContainText("Te atiende Equipo de ventas, asesor de Sextinvalle.", {
    timeout: 3_000,
  });
  await expect(shop.getByTestId("attendance")).toHaveText("Te atiende Equipo de ventas");
  await expectOrderShown();

  await page.getByLabel("Responder al cliente").fill("Hola Laura, ya vi tu pedido. ¿Lo recoges en Yumbo?");
  await page.getByRole("button", { name: "Enviar" }).click();
  await expect(shop.getByTestId("staff-message").last()).toHaveText(
    "Hola Laura, ya vi tu pedido. ¿Lo recoges en Yumbo?",
    { timeout: 3_000 },
  );
  await expectOrderShown();

  await say(shop, "Sí, lo recojo mañana");
  await expectOrderShown();

  await page.getByRole("button", { name: "Devolver al bot" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sí, devolver al bot" }).click();
  await expect(notices.last()).toContainText("retoma la conversación", { timeout: 3_000 });
  await expectOrderShown();
  expect(await shop.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  await shop.reload();
  await expectOrderShown();
  await expect(shop.getByTestId("system-notice")).toHaveCount(2);
  await customer.close();
});

test("with the bot off globally the customer is told the real situation and waits for a person", async ({
  page,
  browser,
}) => {
  const { context: customer, page: shop } = await newCustomerPage(browser);
  await shop.goto("/");
  await say(shop, "hola");
  const region = shop.getByRole("region", { name: "Chat con el asesor" });
  await expect(region).toContainText("Asesor virtual · responde al instante");

  await signIn(page, "admin");
  await page.goto("/dashboard/conversations");
  await page.getByLabel(/Motivo para apagar/).fill("Mantenimiento del catálogo");
  await page.getByRole("button", { name: "Apagar asesor virtual" }).click();
  await expect(page.getByRole("button", { name: "Encender asesor virtual" })).toBeVisible();
  try {
    // the open page learns it live, before the customer writes anything
    await expect(region).toContainText("El asesor virtual está en pausa", { timeout: 3_000 });
    const answer = await say(shop, "necesito 20 pares de guantes");
    await expect(answer).toContainText("déjanos tu número");
    await expect(answer).toContainText("lunes a viernes");
    await expect(answer).not.toContainText("está atendiendo esta conversación");
  } finally {
    await page.getByRole("button", { name: "Encender asesor virtual" }).click();
    await expect(page.getByRole("button", { name: "Apagar asesor virtual" })).toBeVisible();
  }
  await expect(region).toContainText("Asesor virtual · responde al instante", { timeout: 3_000 });
  await customer.close();
});

test("an order cancelled in the console changes on the customer's open page; the order page prints its quote", async ({
  page,
  browser,
}) => {
  const { context: customer, page: shop } = await newCustomerPage(browser);
  await shop.goto("/");
  await say(shop, "quiero 2 cascos blancos tipo I de Steelpro");
  await say(shop, "Listo, eso es todo");
  await say(shop, CUSTOMER_DATA);
  await say(shop, "Sí, confirmo el pedido");
  const number = (await shop.getByTestId("cart-panel").locator("[data-order-number]").textContent()) ?? "";
  expect(number).toMatch(/^SV-\d{6}$/);

  await signIn(page, "ventas");
  await page.goto(`/dashboard/orders?client=${number}`);
  await page.getByRole("link", { name: number }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Cotización PDF" }).click();
  expect((await download).suggestedFilename()).toMatch(/^Cotizacion-COT-\d{6}\.pdf$/);

  await page.getByRole("button", { name: "Cancelar pedido" }).click();
  const confirm = page.getByRole("dialog", { name: /Cancelar el pedido/ });
  await confirm.getByLabel("Motivo de la cancelación").fill("El cliente pidió anularlo por teléfono");
  await confirm.getByRole("button", { name: "Sí, cancelar pedido" }).click();
  await expect(shop.getByTestId("cart-state")).toHaveText("Pedido cancelado", { timeout: 3_000 });
  await expect(shop.getByRole("button", { name: "Descargar cotización" })).toHaveCount(0);
  await customer.close();
});
