import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./console-helpers";
import { customerAddress, DESKTOP, PHONE, say } from "./shop-helpers";

// axe-core against WCAG 2.1 A/AA: no serious or critical violation on the shop (empty and mid-conversation,
// desktop and phone), the login page and every console list page.
test.beforeEach(async ({ page }) => page.setExtraHTTPHeaders(customerAddress()));

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(report, `${what}:\n${report.join("\n")}`).toEqual([]);
}

for (const [name, size] of [
  ["desktop", DESKTOP],
  ["phone", PHONE],
] as const) {
  test(`shop on a ${name}: empty and mid-conversation`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto("/");
    await expect(page.getByTestId("chat-log")).toBeVisible();
    await expectNoSeriousViolations(page, "empty shop");
    await say(page, "quiero 2 cascos blancos tipo I de Steelpro");
    await say(page, "¿tienen guantes de vaqueta?");
    await expectNoSeriousViolations(page, "shop mid-conversation");
    if (name === "phone") {
      await page.getByRole("button", { name: /Tu pedido/ }).click();
      await expect(page.getByRole("dialog", { name: "Tu pedido" })).toBeVisible();
      await expectNoSeriousViolations(page, "cart sheet");
    }
  });
}

test("the shop's skip link, heading order and focus rings", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Ir al chat" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await skip.press("Enter");
  await expect(page.getByLabel("Escribe tu mensaje")).toBeFocused();
  const levels = await page.locator("h1, h2, h3, h4").evaluateAll((els) => els.map((e) => Number(e.tagName[1])));
  expect(levels[0]).toBe(1);
  for (let i = 1; i < levels.length; i++)
    expect(levels[i] as number).toBeLessThanOrEqual((levels[i - 1] as number) + 1);

  // a primary button's focus ring differs from both the button and the page behind it
  await page.getByLabel("Escribe tu mensaje").fill("hola");
  await page.keyboard.press("Tab");
  const send = page.getByRole("button", { name: "Enviar" });
  await expect(send).toBeFocused();
  const ring = await send.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor, bg: s.backgroundColor };
  });
  expect(ring.style).not.toBe("none");
  expect(Number.parseFloat(ring.width)).toBeGreaterThanOrEqual(2);
  expect(ring.color).not.toBe("rgb(255, 255, 255)");
  expect(ring.color).not.toBe(ring.bg);
});

test("screen readers hear each answer once, complete, from one live region", async ({ page }) => {
  await page.goto("/");
  const region = page.getByRole("region", { name: "Chat con el asesor" });
  await expect(page.getByTestId("chat-log")).not.toHaveAttribute("aria-live", /.+/);
  const firstText = (await (await say(page, "¿Tienen cascos blancos?")).textContent()) ?? "";
  const live = region.locator('[aria-live="polite"], [aria-live="assertive"]');
  await expect(live).toHaveCount(1);
  await expect(live).toHaveText(firstText);
  const secondText = (await (await say(page, "¿cuál es el horario de atención?")).textContent()) ?? "";
  expect(secondText).not.toBe(firstText);
  await expect(live).toHaveText(secondText);
});

test("login page", async ({ page }) => {
  await page.goto("/login");
  await expectNoSeriousViolations(page, "login");
});

const CONSOLE_LISTS = [
  "/dashboard/inventory",
  "/dashboard/clients",
  "/dashboard/orders",
  "/dashboard/conversations",
  "/dashboard/audit",
  "/dashboard/users",
  "/dashboard/api-keys",
  "/dashboard/exports",
];

test("every console list page", async ({ page }) => {
  await signIn(page, "admin");
  for (const path of CONSOLE_LISTS) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, path);
  }
});

test("the metrics page: charts with names, axes and their data tables", async ({ page }) => {
  await signIn(page, "gerente");
  await page.goto("/dashboard/metrics?from=2026-10-01&to=2026-11-30");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "/dashboard/metrics");
});
