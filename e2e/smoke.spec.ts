import { expect, test } from "@playwright/test";

test("the app starts and the shop page renders the seeded catalogue", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sextinvalle");
});

test("the console sends anonymous visitors to the login page", async ({ page }) => {
  const response = await page.goto("/dashboard");
  expect(response?.ok() ?? true).toBeTruthy();
  await expect(page).toHaveURL(/\/login/);
});
