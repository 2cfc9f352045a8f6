import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signIn } from "./console-helpers";

// Issue 14: a salesperson's day in the console. Two staff (ventas, admin) and a customer at once: a new chat
// raises the unread badge and the tab title for both; the customer asking for a person waits in the queue;
// ventas takes it (the customer reads ventas' name), writes a private note the customer never sees, inserts a
// canned reply with "/", and transfers it to admin. Then an order goes pagada → despachada → entregada with
// its history and the remisión PDF, and a dispatched order refuses cancellation.

async function staffPage(context: BrowserContext, role: "ventas" | "admin"): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, role);
  return page;
}

/** The nav's unread badge as a number (no badge: 0). */
async function unreadOf(page: Page): Promise<number> {
  const badge = page.getByTestId("nav-unread");
  return (await badge.count()) === 0 ? 0 : Number.parseInt((await badge.textContent()) ?? "0", 10);
}

async function customerSays(shop: Page, text: string) {
  const answers = shop.getByTestId("bot-message");
  const before = await answers.count();
  await shop.getByLabel("Escribe tu mensaje").fill(text);
  await shop.getByRole("button", { name: "Enviar" }).click();
  await expect(answers).toHaveCount(before + 1);
}

test("two staff and a customer: unread badge, queue, takeover by name, note, canned reply, transfer", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [adminContext, ventasContext, customerContext] = await Promise.all([
    browser.newContext(),
    browser.newContext(),
    browser.newContext(),
  ]);
  const admin = await staffPage(adminContext, "admin");
  // the admin manages the canned replies
  await admin.goto("/dashboard/canned-replies");
  await admin.getByLabel("Atajo").first().fill("horario");
  await admin.getByLabel("Texto").first().fill("Atendemos de lunes a sábado de 7:30 a. m. a 5:30 p. m.");
  await admin.getByRole("button", { name: "Agregar" }).click();
  await expect(admin.getByTestId("canned-replies").locator('[data-shortcut="horario"]')).toBeVisible();
  await admin.goto("/dashboard/inventory");

  const ventas = await staffPage(ventasContext, "ventas");
  await ventas.goto("/dashboard/inventory");
  // unread is per person: each starts from their own count
  const unreadBefore = await unreadOf(ventas);
  const adminUnreadBefore = await unreadOf(admin);

  const shop = await customerContext.newPage();
  await shop.goto("/");
  await customerSays(shop, "Hola, quiero hablar con una persona");
  const chatId = await shop.evaluate(() => window.localStorage.getItem("sextinvalle.chatId"));

  // both staff see one more unread conversation, in the nav and the tab title, without reloading
  for (const [page, before] of [
    [ventas, unreadBefore],
    [admin, adminUnreadBefore],
  ] as const) {
    await expect(page.getByTestId("nav-unread")).toHaveText(new RegExp(`^${before + 1}`));
    await expect(page).toHaveTitle(new RegExp(`^\\(${before + 1}\\) `));
    await expect(page.getByTestId("nav-waiting")).toBeVisible();
    await expect(page.getByTestId("inbox-badges")).toHaveAttribute("data-last-alert", "Nueva conversación");
  }

  // the queue lists the customer who asked for a person, with the waiting time
  await ventas.goto("/dashboard/conversations?view=queue");
  const row = ventas.locator(`[data-chat-id="${chatId}"]`);
  await expect(row.getByTestId("waiting")).toContainText(/Espera \d+ min · El cliente pidió hablar con un asesor/);
  await expect(row.getByTestId("unread-count")).toHaveText(/^1/);
  await row.click();
  await expect(ventas.getByTestId("conversation-messages")).toContainText("quiero hablar con una persona");
  // opening it read it for ventas only
  await expect.poll(() => unreadOf(ventas)).toBe(unreadBefore);
  await admin.reload();
  await expect(admin.getByTestId("nav-unread")).toHaveText(new RegExp(`^${adminUnreadBefore + 1}`));

  // the thread opens at the newest message
  const scrolled = await ventas
    .getByTestId("conversation-messages")
    .evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  expect(scrolled).toBeLessThan(5);

  await ventas.getByRole("button", { name: "Tomar conversación" }).click();
  await expect(shop.getByTestId("attendance")).toHaveText("Te atiende Equipo de ventas");
  await expect(shop.getByRole("region", { name: "Chat con el asesor" })).toContainText(
    "Te atiende Equipo de ventas, asesor de Sextinvalle.",
  );

  // a private note: shown to staff, never to the customer
  await ventas.getByRole("tab", { name: "Nota privada" }).click();
  await ventas.getByLabel("Nota privada para el equipo").fill("Cliente nuevo, preguntar por su NIT");
  await ventas.getByRole("button", { name: "Guardar nota" }).click();
  await expect(ventas.locator('[data-role="note"]')).toContainText("Cliente nuevo, preguntar por su NIT");

  // a canned reply: "/" lists them, Enter inserts the text, Enviar sends it
  await ventas.getByRole("tab", { name: "Responder al cliente" }).click();
  const composer = ventas.getByLabel("Responder al cliente");
  await composer.fill("/hor");
  await expect(ventas.getByTestId("canned-suggestions")).toContainText("/horario");
  await composer.press("Enter");
  await expect(composer).toHaveValue("Atendemos de lunes a sábado de 7:30 a. m. a 5:30 p. m.");
  await ventas.getByRole("button", { name: "Enviar" }).click();
  await expect(shop.getByTestId("staff-message").last()).toHaveText(
    "Atendemos de lunes a sábado de 7:30 a. m. a 5:30 p. m.",
  );

  // transfer to the admin: the customer is told who attends now
  await ventas.getByLabel("Transferir a").selectOption({ label: "Administración" });
  await expect(shop.getByTestId("attendance")).toHaveText("Te atiende Administración");
  await expect(ventas.getByText(/Atiende Administración/)).toBeVisible();
  await expect(shop.getByRole("region", { name: "Chat con el asesor" })).not.toContainText("preguntar por su NIT");
  await admin.goto("/dashboard/conversations?view=mine");
  await expect(admin.locator(`[data-chat-id="${chatId}"]`)).toBeVisible();

  await Promise.all([adminContext.close(), ventasContext.close(), customerContext.close()]);
});

test("an order goes pagada → despachada → entregada with history and remisión; dispatched cannot be cancelled", async ({
  page,
  browser,
}) => {
  await signIn(page, "ventas");
  await page.goto("/dashboard/orders?fulfilment=por_pagar");
  const link = page.getByRole("link", { name: /^SV-\d{6}$/ }).first();
  const number = (await link.textContent()) ?? "";
  await link.click();
  await expect(page).toHaveURL(/\/dashboard\/orders\/\d+$/);
  const orderUrl = page.url();
  await expect(page.getByTestId("fulfilment-badge")).toHaveText("Por pagar");

  await page.getByRole("button", { name: "Marcar pagada" }).click();
  await expect(page.getByTestId("fulfilment-badge")).toHaveText("Pagada");
  // cancelling a paid order still asks first; going back leaves it as it was
  await page.getByRole("button", { name: "Cancelar pedido" }).click();
  await expect(page.getByRole("dialog", { name: `¿Cancelar el pedido ${number}?` })).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Volver" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.getByLabel("Transportadora").fill("Servientrega");
  await page.getByLabel("Número de guía").fill("SV-2026-7788");
  await page.getByRole("button", { name: "Marcar despachada" }).click();
  await expect(page.getByTestId("fulfilment-badge")).toHaveText("Despachada");
  await expect(page.getByTestId("cancel-refused")).toContainText("ya fue despachado: no se puede cancelar");
  await expect(page.getByRole("button", { name: "Cancelar pedido" })).toHaveCount(0);

  await page.getByLabel("Comentario para el equipo").fill("El cliente recibe en portería");
  await page.getByRole("button", { name: "Agregar comentario" }).click();
  await page.getByRole("button", { name: "Marcar entregada" }).click();
  await expect(page.getByTestId("fulfilment-badge")).toHaveText("Entregada");

  const history = page.getByTestId("order-history");
  await expect(history).toContainText("Cerrada → Pagada");
  await expect(history).toContainText("Pagada → Despachada");
  await expect(history).toContainText("Servientrega · guía SV-2026-7788");
  await expect(history).toContainText("Despachada → Entregada");
  await expect(history).toContainText("Equipo de ventas");
  await expect(history.locator('[data-kind="comment"]')).toContainText("El cliente recibe en portería");

  const pdf = await page.request.get((await page.getByTestId("remision-link").getAttribute("href")) ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await page.goto("/dashboard/orders?fulfilment=entregada");
  await expect(page.getByRole("link", { name: number })).toBeVisible();

  // the audit log tells each step in words, with who did it (ventas cannot read it: the admin does)
  const orderId = /\/dashboard\/orders\/(\d+)$/.exec(orderUrl)?.[1];
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin");
  await admin.goto(`/dashboard/audit?entityType=order&entityId=${orderId}`);
  const audit = admin.getByTestId("audit-list");
  for (const step of ["marcó el pedido", "despachó el pedido", "comentó el pedido"])
    await expect(audit).toContainText(`Equipo de ventas ${step} ${number}`);
  await expect(audit).toContainText(`Equipo de ventas marcó el pedido ${number} como entregado`);
  await adminContext.close();
});
