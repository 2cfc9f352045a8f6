import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./console-helpers";

// Issue 14, the parts of a day in the console the other specs leave out: the home's figures lead into their
// lists; destructive admin actions ask in a real dialog (never the browser's own confirm/prompt); the
// inventory filter bar fits at 1280 px and on a tablet; the inbox asks for notification permission once and
// then chimes and notifies on a new conversation.

/** Collects every native dialog (alert/confirm/prompt) the page opens; the console should open none. */
function nativeDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on("dialog", async (dialog) => {
    seen.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return seen;
}

test("the console home's figures are links into their lists", async ({ page }) => {
  await signIn(page, "ventas");
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Hola, Equipo de ventas" })).toBeVisible();
  await page.getByTestId("home-low-stock").click();
  await expect(page).toHaveURL(/\/dashboard\/inventory\?stock=low$/);
  await expect(page.getByTestId("inventory-table")).toContainText("AUX-003");
  await page.goto("/dashboard");
  await page.getByTestId("home-waiting").click();
  await expect(page).toHaveURL(/\/dashboard\/conversations\?view=queue$/);
  await page.goto("/dashboard");
  await page.getByTestId("home-dispatch").click();
  await expect(page).toHaveURL(/\/dashboard\/orders\?fulfilment=pagada$/);
});

test("admin: role change, password reset and key revocation each ask in a dialog first", async ({ page }) => {
  const native = nativeDialogs(page);
  await signIn(page, "admin");

  await page.goto("/dashboard/users");
  const gerente = page.getByRole("row").filter({ hasText: "gerente@sextinvalle.example" });
  await gerente.getByRole("button", { name: "Cambiar rol" }).click();
  const roleDialog = page.getByRole("dialog", { name: "¿Cambiar el rol de este usuario?" });
  await expect(roleDialog.getByLabel("Nuevo rol")).toHaveValue("gerente");
  await roleDialog.getByLabel("Nuevo rol").selectOption("ventas");
  await roleDialog.getByRole("button", { name: "Volver" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.reload();
  await expect(gerente).toContainText("Gerente");

  await gerente.getByRole("button", { name: "Restablecer contraseña" }).click();
  const reset = page.getByRole("dialog", { name: "Restablecer la contraseña" });
  await expect(reset.getByLabel(/Nueva contraseña/)).toHaveAttribute("type", "password");
  await reset.getByRole("button", { name: "Volver" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.goto("/dashboard/api-keys");
  await page.getByLabel("Nombre").fill("Integración por revocar e2e");
  await page.getByRole("button", { name: "Crear clave" }).click();
  await expect(page.getByTestId("new-api-key")).toBeVisible();
  const key = page.getByRole("row").filter({ hasText: "Integración por revocar e2e" });
  await key.getByRole("button", { name: "Revocar" }).click();
  const ask = page.getByRole("dialog", { name: "¿Revocar esta clave?" });
  await expect(ask).toContainText("Las integraciones que la usen dejarán de funcionar");
  await ask.getByRole("button", { name: "Volver" }).click();
  await page.reload();
  await expect(key).not.toContainText("Revocada");
  await key.getByRole("button", { name: "Revocar" }).click();
  await page.getByRole("dialog", { name: "¿Revocar esta clave?" }).getByRole("button", { name: "Sí, revocar" }).click();
  await expect(key).toContainText("Revocada");

  expect(native).toEqual([]);
});

for (const size of [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 820, height: 1180 },
]) {
  test(`the inventory filter bar fits at ${size.width} px`, async ({ page }) => {
    await page.setViewportSize(size);
    await signIn(page, "ventas");
    await page.goto("/dashboard/inventory");
    const bar = page.getByRole("search");
    await expect(bar.getByRole("button", { name: "Filtrar" })).toBeVisible();
    // every control ends inside the bar, and nothing pushes the page sideways
    const overflow = await bar.evaluate((form) => {
      const right = form.getBoundingClientRect().right;
      return [...form.querySelectorAll("input:not([type=hidden]), select, button, a")]
        .filter((el) => el.getBoundingClientRect().right > right + 1)
        .map((el) => el.getAttribute("name") ?? el.textContent);
    });
    expect(overflow).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
  });
}

test("the inbox asks for notification permission once, then chimes and notifies on a new conversation", async ({
  browser,
}) => {
  const staff = await browser.newContext();
  // Headless Chromium cannot answer a permission prompt: stand in for the browser's Notification and count
  // the chime's oscillators; the console's own code decides when to ask, chime and notify.
  await staff.addInitScript(() => {
    const store = window.localStorage;
    const bump = (key: string) => store.setItem(key, String(Number(store.getItem(key) ?? 0) + 1));
    class FakeNotification {
      static get permission() {
        return store.getItem("test-permission") ?? "default";
      }
      static async requestPermission() {
        bump("test-permission-asked");
        store.setItem("test-permission", "granted");
        return "granted";
      }
      constructor(title: string) {
        store.setItem("test-notified", `${store.getItem("test-notified") ?? ""}${title}|`);
      }
    }
    Object.defineProperty(window, "Notification", { value: FakeNotification, configurable: true });
    const createOscillator = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      bump("test-oscillators");
      return createOscillator.call(this);
    };
  });
  const admin = await staff.newPage();
  await signIn(admin, "admin");
  await admin.goto("/dashboard/inventory");
  const read = (key: string) => admin.evaluate((k) => window.localStorage.getItem(k), key);

  await admin.getByRole("button", { name: "Activar avisos de la bandeja" }).click();
  await expect.poll(() => read("test-permission-asked")).toBe("1");
  await expect(admin.getByRole("button", { name: "Activar avisos de la bandeja" })).toHaveCount(0);
  await admin.reload();
  await expect(admin.getByTestId("signed-in-role")).toBeVisible();
  await expect(admin.getByRole("button", { name: "Activar avisos de la bandeja" })).toHaveCount(0);
  expect(await read("test-permission-asked")).toBe("1");
  const oscillatorsBefore = Number((await read("test-oscillators")) ?? 0);

  const customer = await browser.newContext();
  const shop = await customer.newPage();
  await shop.goto("/");
  await shop.getByLabel("Escribe tu mensaje").fill("Hola, ¿tienen guantes de nitrilo?");
  await shop.getByRole("button", { name: "Enviar" }).click();

  await expect(admin.getByTestId("inbox-badges")).toHaveAttribute("data-last-alert", "Nueva conversación");
  await expect.poll(() => read("test-notified")).toContain("Nueva conversación|");
  await expect.poll(async () => Number((await read("test-oscillators")) ?? 0)).toBeGreaterThan(oscillatorsBefore);

  await Promise.all([staff.close(), customer.close()]);
});
