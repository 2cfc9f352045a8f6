import { chromium } from "@playwright/test";

// Takes the README's screenshots from a running app: `npx tsx scripts/screenshots.ts [baseURL]`.
const base = process.argv[2] ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const shop = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "es-CO" });
  await shop.goto(base);
  const box = shop.getByRole("textbox").first();
  for (const message of [
    "Hola, ¿tienen cascos blancos?",
    "quiero 5 cascos blancos Steelpro y 5 gafas de lente claro",
  ]) {
    await box.fill(message);
    await box.press("Enter");
    await shop.waitForTimeout(1500);
  }
  await shop.screenshot({ path: "docs/shop.png" });

  // a phone: the chat as an app shell and the cart as a bottom sheet behind its badge
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "es-CO" });
  await phone.goto(base);
  const phoneBox = phone.getByRole("textbox").first();
  await phoneBox.fill("quiero 3 cascos blancos tipo I de Steelpro");
  await phoneBox.press("Enter");
  await phone.waitForTimeout(1500);
  await phone.screenshot({ path: "docs/shop-phone.png" });
  await phone.getByRole("button", { name: /Tu pedido/ }).click();
  await phone.waitForTimeout(400);
  await phone.screenshot({ path: "docs/shop-phone-cart.png" });

  const console = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "es-CO" });
  await console.goto(`${base}/login`);
  await console.getByLabel("Correo").fill("ventas@sextinvalle.example");
  await console.getByLabel("Contraseña").fill("Ventas-Sextinvalle-2026");
  await console.getByRole("button", { name: /ingresar|iniciar/i }).click();
  await console.waitForURL(/dashboard/);
  await console.goto(`${base}/dashboard/inventory`);
  await console.waitForTimeout(800);
  await console.screenshot({ path: "docs/console-inventory.png" });
} finally {
  await browser.close();
}
