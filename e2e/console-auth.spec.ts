import { expect, test } from "@playwright/test";
import { type StaffRole, signIn } from "./console-helpers";

// Each role signs in and sees only what it may: the sidebar, and the server's answer for every page.
const PAGES: Record<string, StaffRole[]> = {
  "/dashboard": ["admin", "ventas", "gerente"],
  "/dashboard/inventory": ["admin", "ventas", "gerente"],
  "/dashboard/canned-replies": ["admin"],
  "/dashboard/inventory/new": ["admin", "ventas"],
  "/dashboard/inventory/import": ["admin", "ventas"],
  "/dashboard/clients": ["admin", "ventas", "gerente"],
  "/dashboard/orders": ["admin", "ventas", "gerente"],
  "/dashboard/orders/new": ["admin", "ventas"],
  "/dashboard/conversations": ["admin", "ventas", "gerente"],
  "/dashboard/audit": ["admin", "gerente"],
  "/dashboard/users": ["admin"],
  "/dashboard/api-keys": ["admin"],
  "/dashboard/company": ["admin"],
  "/dashboard/channels": ["admin"],
  "/dashboard/inventory/1": ["admin", "ventas", "gerente"],
  "/dashboard/orders/1": ["admin", "ventas", "gerente"],
  "/dashboard/clients/1": ["admin", "ventas", "gerente"],
};

const NAV: Record<StaffRole, string[]> = {
  admin: [
    "Inventario",
    "Clientes",
    "Ventas",
    "Conversaciones",
    "Exportaciones",
    "Métricas",
    "Auditoría",
    "Usuarios",
    "Claves API",
    "Empresa",
    "Canales",
    "Respuestas rápidas",
    "Migración",
  ],
  ventas: ["Inventario", "Clientes", "Ventas", "Conversaciones"],
  gerente: ["Inventario", "Clientes", "Ventas", "Conversaciones", "Exportaciones", "Métricas", "Auditoría"],
};

test("anonymous visitors of any console page land on the login page", async ({ page }) => {
  for (const path of ["/dashboard/inventory", "/dashboard/users", "/dashboard/orders/1"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  }
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Correo").fill("ventas@sextinvalle.example");
  await page.getByLabel("Contraseña").fill("no-es-la-clave");
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByTestId("login-error")).toHaveText(/Correo o contraseña incorrectos/);
});

for (const role of ["admin", "ventas", "gerente"] as const) {
  test(`${role} signs in, sees only its sections, is refused the rest, and signs out`, async ({ page }) => {
    test.setTimeout(150_000); // about twenty page loads
    await signIn(page, role);
    const nav = page.getByRole("navigation", { name: "Secciones de la consola" });
    // a link may carry its live badges after the label ("Conversaciones 3 sin leer")
    await expect(nav.getByRole("link")).toHaveText(NAV[role].map((label) => new RegExp(`^${label}(\\d|$)`)));
    for (const [path, allowed] of Object.entries(PAGES)) {
      const response = await page.goto(path);
      const expected = allowed.includes(role) ? 200 : 403;
      expect(response?.status(), `${role} ${path}`).toBe(expected);
      // refused inside the console: Spanish, with the console's own navigation still there
      if (expected === 403) {
        await expect(page.getByTestId("forbidden")).toContainText("Tu rol no tiene acceso a esta página");
        await expect(nav).toBeVisible();
      }
    }
    await page.goto("/dashboard/inventory");
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/dashboard/inventory");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("five failed sign-ins lock the account from this address for five minutes", async ({ page }) => {
  await page.goto("/login");
  // each attempt is awaited to its answer: an unknown e-mail costs a full password check (no timing leak),
  // and a click while the previous attempt is pending would be dropped by the disabled button
  const submit = async () => {
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/login"));
    await page.getByRole("button", { name: "Ingresar" }).click();
    await answered;
    // React resets the form when the answer lands; the next attempt waits for it, or it would be blanked
    await expect(page.getByRole("button", { name: "Ingresar" })).toBeEnabled();
  };
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Correo").fill("bloqueo@sextinvalle.example");
    await page.getByLabel("Contraseña").fill(`intento-${i}`);
    await submit();
    await expect(page.getByTestId("login-error")).toHaveText(/incorrectos/);
  }
  await page.getByLabel("Contraseña").fill("otro-intento");
  await submit();
  await expect(page.getByTestId("login-error")).toHaveText(/Demasiados intentos fallidos.*5 minutos/);
});
