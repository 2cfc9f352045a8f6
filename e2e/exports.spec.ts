import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn } from "./console-helpers";

// A manager exports the sales, watches the job finish and downloads the file.
test("a manager exports sales and downloads the CSV", async ({ page }) => {
  await signIn(page, "gerente");
  await page.goto("/dashboard/exports");
  await expect(page.getByRole("heading", { name: "Exportaciones" })).toBeVisible();

  await page.getByRole("combobox", { name: "Datos", exact: true }).selectOption("ventas");
  await page.getByRole("button", { name: "Exportar" }).click();
  await expect(page.getByRole("status")).toContainText("Exportación en marcha");

  const row = page.locator("tbody tr", { hasText: "Ventas" }).first();
  await expect(row).toContainText("Listo", { timeout: 20_000 });
  const downloadPromise = page.waitForEvent("download");
  await row.getByRole("link", { name: "Descargar" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^ventas_\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8").slice(1);
  const [header, ...lines] = text.trim().split("\r\n");
  expect(header).toContain("Número de pedido;Estado;Canal");
  expect(lines.length).toBeGreaterThan(0);
  expect(lines[0]).toMatch(/SV-\d{6}/);
});

test("a manager sees the metrics with charts for a date range", async ({ page }) => {
  await signIn(page, "gerente");
  await page.goto("/dashboard/metrics?from=2026-10-01&to=2026-11-30");
  await expect(page.getByRole("heading", { name: "Métricas" })).toBeVisible();
  const revenue = page.getByRole("img", { name: "Ingresos por día" });
  await expect(revenue).toBeVisible();
  // the value axis has es-CO peso ticks from $ 0 up, and a title
  const yAxis = revenue.locator('[data-axis="y"] text');
  await expect(yAxis.first()).toHaveText("$ 0");
  const ticks = await yAxis.allTextContents();
  expect(ticks.filter((t) => /^\$ \d[\d.,]*( mil| M)?$/.test(t)).length).toBeGreaterThanOrEqual(3);
  expect(ticks).toContain("Ingresos (COP)");
  await expect(revenue.locator('[data-axis="x"] text').first()).toHaveText(/^\d{2}\/\d{2}$/);
  // intents in words, never the stored keys
  const legend = page.getByTestId("chart-legend");
  await expect(legend).toContainText(/Consulta de inventario|Compra|Datos del cliente|Sin clasificar/);
  await expect(page.locator("main")).not.toContainText("sin_clasificar");
  await expect(page.getByRole("table", { name: "Mensajes por día e intención" })).toHaveCount(1);
  await expect(page.getByText("Productos más vendidos")).toBeVisible();
});

test("a salesperson cannot open exports", async ({ page }) => {
  await signIn(page, "ventas");
  const response = await page.goto("/dashboard/exports");
  expect(response?.status()).toBe(403);
});
