import { expect, test } from "@playwright/test";
import { signIn } from "./console-helpers";

test("ventas searches, sorts and edits a product, with field errors, then adjusts its stock", async ({ page }) => {
  await signIn(page, "ventas");
  await page.goto("/dashboard/inventory");
  await page.getByLabel("Buscar").fill("casco amarillo");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/q=casco\+amarillo/);
  const table = page.getByTestId("inventory-table");
  await expect(table.getByRole("row")).toHaveCount(2); // header + CAB-002
  await table.getByRole("link", { name: /^Precio/ }).click();
  await expect(page).toHaveURL(/sort=-?price/);
  await expect(page.getByRole("columnheader", { name: /Precio/ })).toHaveAttribute("aria-sort", /ascending|descending/);

  await table.getByRole("link", { name: /Casco de seguridad tipo I clase E amarillo/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("amarillo");

  await page.getByLabel("Nombre", { exact: true }).fill("");
  await page.getByLabel("Precio (COP, IVA incluido)").fill("-5");
  await page.getByRole("button", { name: "Guardar cambios" }).click();
  await expect(page.locator("#product-name-error")).toHaveText(/nombre es obligatorio/);
  await expect(page.locator("#product-price-error")).toHaveText(/debe ser mayor que \$ 0/);

  await page.getByLabel("Nombre", { exact: true }).fill("Casco amarillo edición obra");
  await page.getByLabel("Precio (COP, IVA incluido)").fill("41200");
  await page.getByRole("button", { name: "Guardar cambios" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cambios guardados" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Casco amarillo edición obra");
  await expect(page.getByLabel("Precio (COP, IVA incluido)")).toHaveValue("41200");

  await page.getByLabel("Cantidad (+ entrada, − salida)").fill("-3");
  await page.getByLabel("Motivo").fill("Conteo físico");
  await page.getByRole("button", { name: "Registrar ajuste" }).click();
  await expect(page.getByText("Stock actualizado: 180 → 177.")).toBeVisible();
  await expect(page.getByTestId("stock-movements")).toContainText("Conteo físico");

  // the new name is searchable at once (searchText updated on write)
  await page.goto("/dashboard/inventory?q=edicion+obra");
  await expect(page.getByTestId("inventory-table")).toContainText("Casco amarillo edición obra");
  await expect(page.getByTestId("inventory-table")).toContainText("$ 41.200");
});

test("gerente reads a product but cannot edit it", async ({ page }) => {
  await signIn(page, "gerente");
  await page.goto("/dashboard/inventory?q=CAB-001");
  await page.getByTestId("inventory-table").locator("tbody").getByRole("link").first().click();
  await expect(page.getByLabel("Nombre", { exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Guardar cambios" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Registrar ajuste" })).toHaveCount(0);
});

test("a CSV with one bad row is refused whole; the corrected file is applied", async ({ page }) => {
  await signIn(page, "ventas");
  await page.goto("/dashboard/inventory/import");
  const bad =
    "nombre;descripcion;precio;stock\nArnés de prueba E2E;Cuerpo completo;189.000;4\nEslinga de prueba E2E;Doble terminal;no-sé;2\n";
  await page
    .getByLabel("Archivo CSV")
    .setInputFiles({ name: "malo.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${bad}`) });
  await page.getByRole("button", { name: "Revisar archivo" }).click();
  await expect(page.getByTestId("import-errors")).toContainText("Línea 3 (precio)");
  await expect(page.getByRole("button", { name: /Aplicar importación/ })).toHaveCount(0);
  await page.goto("/dashboard/inventory?q=prueba+e2e");
  await expect(page.getByText("No hay productos con esos criterios.")).toBeVisible();

  await page.goto("/dashboard/inventory/import");
  const good = bad.replace("no-sé", "56000");
  await page
    .getByLabel("Archivo CSV")
    .setInputFiles({ name: "bueno.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Revisar archivo" }).click();
  await expect(page.getByTestId("import-preview")).toContainText("Se crearán 2");
  await page.getByRole("button", { name: /Aplicar importación/ }).click();
  await expect(page.getByTestId("import-applied")).toContainText("2 nuevos");
  await page.goto("/dashboard/inventory?q=prueba+e2e");
  await expect(page.getByTestId("inventory-table").getByRole("row")).toHaveCount(3);
  await expect(page.getByTestId("inventory-table")).toContainText("$ 189.000");
});

test("ventas changes two prices in bulk after a preview; low stock has its badge; deactivating asks first", async ({
  page,
}) => {
  await signIn(page, "ventas");
  // the nav points at the products running low
  await page.getByTestId("nav-low-stock").click();
  await expect(page).toHaveURL(/stock=low/);
  await expect(page.getByTestId("inventory-table")).toContainText("AUX-003");

  await page.goto("/dashboard/inventory?q=CAB-00&sort=sku");
  const table = page.getByTestId("inventory-table");
  const priceOf = async (sku: string) =>
    (await table.getByRole("row").filter({ hasText: sku }).getByRole("cell").nth(5).textContent())?.trim();
  const before = await priceOf("CAB-003");
  await page.getByLabel("Seleccionar CAB-003").check();
  await page.getByLabel("Seleccionar CAB-004").check();
  await expect(page.getByTestId("bulk-bar")).toContainText("2 productos seleccionados");
  await page.getByLabel("Acción").selectOption({ label: "Cambiar precio (%)" });
  await page.getByLabel(/Porcentaje/).fill("10");
  await page.getByRole("button", { name: "Ver cambios" }).click();
  const preview = page.getByRole("dialog");
  await expect(preview.getByTestId("bulk-preview").getByRole("row")).toHaveCount(3);
  await expect(preview).toContainText(before ?? "—");
  // nothing changed yet
  expect(await priceOf("CAB-003")).toBe(before);
  await preview.getByRole("button", { name: "Aplicar cambios" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect.poll(() => priceOf("CAB-003")).not.toBe(before);

  await page.goto("/dashboard/inventory?q=CAB-004");
  await table.locator("tbody").getByRole("link").first().click();
  await page.getByRole("button", { name: "Desactivar producto" }).click();
  const ask = page.getByRole("dialog", { name: "¿Desactivar este producto?" });
  await expect(ask).toBeVisible();
  await ask.getByRole("button", { name: "Volver" }).click();
  await expect(page.getByRole("button", { name: "Desactivar producto" })).toBeVisible();
});

test("ventas adjusts stock from the list: a reason is required, a count sets the figure, both are audited", async ({
  page,
}) => {
  await signIn(page, "ventas");
  await page.goto("/dashboard/inventory?q=CAB-005");
  const table = page.getByTestId("inventory-table");
  const row = table.locator('tbody tr[data-sku="CAB-005"]');
  const stockText = async () => (await row.getByRole("cell").nth(6).textContent())?.replace(/\D/g, "") ?? "";
  const before = Number(await stockText());
  expect(before).toBeGreaterThan(2);

  const inline = page.getByTestId("stock-inline-CAB-005");
  await inline.getByText("Ajustar").click();
  await inline.getByLabel("Cantidad").fill("-2");
  await inline.getByRole("button", { name: "Guardar ajuste" }).click();
  await expect(inline).toContainText("Indica el motivo del ajuste");
  expect(Number(await stockText())).toBe(before);

  await inline.getByLabel("Motivo del ajuste").fill("Avería en bodega");
  await inline.getByRole("button", { name: "Guardar ajuste" }).click();
  await expect(inline.getByRole("status")).toHaveText(`Stock actualizado: ${before} → ${before - 2}.`);
  await expect.poll(stockText).toBe(String(before - 2));
  // the refresh that brought the new figure kept the row's form open with its message
  await expect(inline.getByRole("status")).toBeVisible();

  await inline.getByLabel("Tipo de ajuste").selectOption({ label: "Cantidad contada" });
  await inline.getByLabel("Cantidad").fill("40");
  await inline.getByLabel("Motivo del ajuste").fill("Conteo físico de fin de mes");
  await inline.getByRole("button", { name: "Guardar ajuste" }).click();
  await expect(inline.getByRole("status")).toHaveText(`Stock actualizado: ${before - 2} → 40.`);
  await expect.poll(stockText).toBe("40");

  await page.goto("/dashboard/inventory?q=CAB-005");
  await page.getByTestId("inventory-table").locator("tbody").getByRole("link").first().click();
  await expect(page.getByTestId("stock-movements")).toContainText("Conteo físico de fin de mes");
  await expect(page.getByTestId("stock-movements")).toContainText("Avería en bodega");
});
