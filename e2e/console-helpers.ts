import { expect, type Page } from "@playwright/test";

export const STAFF = {
  admin: { email: "admin@sextinvalle.example", password: "Admin-Sextinvalle-2026", label: "Administrador" },
  ventas: { email: "ventas@sextinvalle.example", password: "Ventas-Sextinvalle-2026", label: "Ventas" },
  gerente: { email: "gerente@sextinvalle.example", password: "Gerente-Sextinvalle-2026", label: "Gerente" },
} as const;

export type StaffRole = keyof typeof STAFF;

export async function signIn(page: Page, role: StaffRole): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Correo").fill(STAFF[role].email);
  await page.getByLabel("Contraseña").fill(STAFF[role].password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page).toHaveURL(/\/dashboard(\/|$|\?)/);
  await expect(page.getByTestId("signed-in-role")).toHaveText(STAFF[role].label);
}
