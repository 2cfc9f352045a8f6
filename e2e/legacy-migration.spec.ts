import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./console-helpers";
import { CUSTOMER_DATA, customerAddress, newCustomerPage, say } from "./shop-helpers";

// A shop moves off the previous system: an administrator uploads its app.db in the console (simulation, then
// apply); a customer then gets the real address and buys a real product by its name. Afterwards the demo
// catalogue and company text are put back so the other specs keep their data, whatever order they run in.
const APP_DB = path.resolve(import.meta.dirname, "../../shared/reference/previous-system/app.db");
const root = path.resolve(import.meta.dirname, "..");

async function restoreDemoShop(page: Page) {
  await signIn(page, "admin");
  const csv = readFileSync(path.join(root, "prisma/seed-data/productos.csv"));
  const replaced = await page.request.post("/api/console/imports/products?mode=replace&file=productos.csv", {
    headers: { "content-type": "text/csv", origin: new URL(page.url()).origin },
    data: csv,
  });
  expect(replaced.status(), await replaced.text()).toBe(200);
  await page.goto("/dashboard/company");
  await page
    .getByLabel("Información de la empresa (Markdown)")
    .fill(readFileSync(path.join(root, "prisma/seed-data/empresa.md"), "utf8"));
  await page.getByRole("button", { name: "Guardar nueva versión" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Guardado como versión/ })).toBeVisible();
}

test.afterAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await browser.newPage();
  await restoreDemoShop(page);
  await page.close();
});

test("after importing app.db, a customer gets the real address and buys a real product by name", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await signIn(page, "admin");
  await page.goto("/dashboard/legacy-import");
  await page.getByLabel("Archivo app.db").setInputFiles(APP_DB);
  await page.getByRole("button", { name: "Simular importación" }).click();
  const report = page.getByRole("region", { name: "Informe de la importación" });
  // the whole import runs (and rolls back) for the simulation: allow for a busy machine
  await expect(report).toContainText("Simulación (no se escribió nada)", { timeout: 90_000 });
  await expect(report).toContainText("Productos: 121 nuevos");
  await page.getByRole("button", { name: "Aplicar importación" }).click();
  await expect(report).toContainText("Importación aplicada en una sola transacción", { timeout: 90_000 });
  await expect(page.getByRole("button", { name: "Aplicar importación" })).toBeDisabled();

  const { page: shop } = await newCustomerPage(browser);
  await shop.setExtraHTTPHeaders(customerAddress());
  await shop.goto("/");
  const where = await say(shop, "dónde están ubicados");
  await expect(where).toContainText("Cra 4 #31-11");

  const offer = await say(shop, "quiero 2 Extintor PQS 9kg");
  await expect(offer).toContainText("Extintor PQS 9kg");
  await expect(offer).not.toContainText("SV-0");
  await say(shop, "Listo, eso es todo");
  await say(shop, CUSTOMER_DATA);
  const card = shop.getByRole("region", { name: "Confirma tu pedido" });
  await expect(card).toContainText("Extintor PQS 9kg");
  await expect(card).not.toContainText("SV-0");
  await expect(card.getByTestId("confirm-total")).toHaveText("$ 250.000");
  await card.getByRole("button", { name: "Confirmar" }).click();
  await expect(shop.getByTestId("cart-state")).toHaveText("Pedido confirmado");
});
