import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import sharp from "sharp";
import { signIn } from "./console-helpers";
import { CUSTOMER_DATA, customerAddress, newCustomerPage, PHONE, say } from "./shop-helpers";

// The purchase's last steps in the shop: the confirmation card, product photos uploaded in the console,
// and the formal quote as a PDF.
test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(customerAddress()));

test("the confirmation card shows lines, prices, total and the data that goes on the order", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto("/");
  await say(page, "quiero 2 cascos blancos tipo I de Steelpro");
  await say(page, "Listo, eso es todo");
  await say(page, CUSTOMER_DATA);
  const card = page.getByRole("region", { name: "Confirma tu pedido" });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Casco de seguridad tipo I clase E blanco");
  await expect(card.getByTestId("confirm-line-quantity").first()).toHaveText("2");
  await expect(card.getByTestId("confirm-line-unit").first()).toHaveText("$ 38.500");
  await expect(card.getByTestId("confirm-total")).toHaveText("$ 77.000");
  await expect(card.getByTestId("confirm-name")).toHaveText("Laura Gómez");
  await expect(card.getByTestId("confirm-document")).toHaveText("CC 1144556677");
  await expect(card.getByTestId("confirm-phone")).toHaveText("3104567890");
  await expect(card.getByTestId("confirm-address")).toContainText("Calle 5 # 38-25");

  await card.getByRole("button", { name: "Cambiar algo" }).click();
  await expect(page.getByLabel("Escribe tu mensaje")).toBeFocused();

  await card.getByRole("button", { name: "Confirmar" }).click();
  await expect(page.getByTestId("cart-state")).toHaveText("Pedido confirmado");
  await expect(page.getByRole("region", { name: "Confirma tu pedido" })).toHaveCount(0);
});

test("a photo uploaded in the console appears on the chat's product card; others show a placeholder", async ({
  page,
  browser,
}) => {
  await signIn(page, "ventas");
  await page.goto("/dashboard/inventory?q=CAB-004");
  await page.getByRole("link", { name: /Casco de seguridad tipo II con barbuquejo/ }).click();
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#f5c400" } })
    .jpeg()
    .toBuffer();
  await page
    .getByLabel("Foto del producto")
    .setInputFiles({ name: "casco.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByRole("button", { name: "Subir foto" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Foto guardada" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Foto de Casco de seguridad tipo II con barbuquejo/ })).toBeVisible();

  await page.goto("/dashboard/inventory?q=barbuquejo");
  await expect(page.getByRole("img", { name: /Foto de Casco de seguridad tipo II con barbuquejo/ })).toBeVisible();

  const { page: shop } = await newCustomerPage(browser);
  await shop.goto("/");
  await say(shop, "¿tienen cascos para trabajo en alturas?");
  const photographed = shop.getByRole("article", { name: /Casco de seguridad tipo II con barbuquejo/ }).last();
  const img = photographed.getByRole("img", { name: /Foto de Casco de seguridad tipo II con barbuquejo/ });
  await expect(img).toBeVisible();
  const src = (await img.getAttribute("src")) ?? "";
  expect(src).toMatch(/^\/media\/products\//);
  const served = await shop.request.get(src);
  expect(served.headers()["content-type"]).toBe("image/webp");
  const meta = await sharp(await served.body()).metadata();
  expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(640);
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  const others = shop.getByRole("list", { name: "Productos sugeridos" }).last().getByRole("article");
  expect(await others.count()).toBeGreaterThan(1);
  await expect(
    shop.getByRole("list", { name: "Productos sugeridos" }).last().getByTestId("photo-placeholder").first(),
  ).toBeVisible();
});

test("the quote PDF downloads from the cart with the lines, the NIT and the total", async ({ page }) => {
  await page.goto("/");
  await say(page, "quiero 3 cascos blancos tipo I de Steelpro");
  await say(page, "Listo, eso es todo");
  await say(
    page,
    "razón social Constructora El Roble SAS, NIT 900.456.789-1, teléfono 3104567890, dirección Carrera 10 # 20-30, Cali",
  );
  const panel = page.getByTestId("cart-panel");
  const download = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Descargar cotización" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Cotizacion-COT-\d{6}\.pdf$/);
  const data = await readFile((await file.path()) as string);
  const parser = new PDFParse({ data: new Uint8Array(data) });
  const text = (await parser.getText()).text.replace(/\s+/g, " ");
  await parser.destroy();
  expect(text).toContain("Constructora El Roble SAS");
  expect(text).toContain("NIT 900456789-1");
  expect(text).toContain("Casco de seguridad tipo I clase E blanco");
  expect(text).toContain("$ 38.500");
  expect(text).toContain("$ 115.500");
  expect(text).toMatch(/IVA \(19 ?%\) \$ 18\.441/);
  expect(text).toMatch(/COT-\d{6}/);
  await expect(panel.getByTestId("quote-info")).toContainText(/COT-\d{6} · válida hasta \d{2}\/\d{2}\/\d{4}/);
});
