import { type Browser, expect, type Locator, type Page } from "@playwright/test";

// Helpers for the customer chat specs: talking through the UI, seeding a long conversation through the
// legacy API, and geometry checks against the real viewport.
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export const CUSTOMER_DATA =
  "Mi nombre es Laura Gómez, cédula 1144556677, teléfono 3104567890, dirección Calle 5 # 38-25, Cali";

let addressCounter = 0;
/** A client address of its own (the chat allows 30 messages a minute per customer). */
export function customerAddress(): { "x-forwarded-for": string } {
  addressCounter += 1;
  return {
    "x-forwarded-for": `10.${(process.pid % 200) + 20}.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`,
  };
}

/** A second browser window as another customer, with an address of its own. */
export async function newCustomerPage(browser: Browser) {
  const context = await browser.newContext({ extraHTTPHeaders: customerAddress(), locale: "es-CO" });
  return { context, page: await context.newPage() };
}

/** Sends through the composer and waits until the streamed answer is complete. */
export async function say(page: Page, text: string) {
  const answers = page.getByTestId("bot-message");
  const before = await answers.count();
  await page.getByLabel("Escribe tu mensaje").fill(text);
  await page.getByRole("button", { name: "Enviar" }).click();
  await expect(answers).toHaveCount(before + 1);
  await expect(page.getByTestId("typing")).toHaveCount(0);
  await expect(page.getByTestId("chat-log")).toHaveAttribute("aria-busy", "false");
  return answers.last();
}

export async function chatIdOf(page: Page): Promise<string> {
  const id = await page.evaluate(() => window.localStorage.getItem("sextinvalle.chatId"));
  expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  return id as string;
}

/** Opens the shop on a chat id of our choosing (so a test can prepare that conversation first). */
export async function openChat(page: Page, chatId: string) {
  await page.goto("/");
  await page.evaluate((id) => window.localStorage.setItem("sextinvalle.chatId", id), chatId);
  await page.reload();
  await expect(page.getByTestId("chat-log")).toBeVisible();
}

/**
 * The conversation this browser owns (its signed cookie names it): turns seeded into it can be restored by the
 * page, while a chat id the browser never opened is refused like an unknown one.
 */
export async function browserChatId(page: Page): Promise<string> {
  await page.goto("/");
  await expect(page.getByTestId("chat-log")).toBeVisible();
  const id = await page.evaluate(() => window.localStorage.getItem("sextinvalle.chatId"));
  expect(id, "the page opened no conversation").toBeTruthy();
  return id as string;
}

/** Runs turns through the legacy HTTP API (same pipeline) to build a long conversation quickly. */
export async function seedTurns(page: Page, chatId: string, texts: readonly string[]) {
  for (const mensaje of texts) {
    // sent as the page would: with the browser's cookie, so with its origin too (cross-site posts are refused)
    const res = await page.request.post("/chat/texto", {
      data: { chat_id: chatId, mensaje },
      headers: { ...customerAddress(), origin: new URL(page.url()).origin },
    });
    expect(res.status(), await res.text()).toBe(200);
  }
}

/** The element lies entirely inside the window (not merely inside a scrolled container). */
export async function expectInViewport(page: Page, locator: Locator, what: string) {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  expect(box, `${what} is not rendered`).not.toBeNull();
  if (!box || !size) return;
  expect(box.y, `${what} starts above the window`).toBeGreaterThanOrEqual(-1);
  expect(
    box.y + box.height,
    `${what} ends at ${box.y + box.height}, below the window (${size.height})`,
  ).toBeLessThanOrEqual(size.height + 1);
}

/** The document itself never scrolls: the message list scrolls inside the app shell. */
export async function expectNoPageScroll(page: Page) {
  const { scrollHeight, innerHeight } = await page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    innerHeight: window.innerHeight,
  }));
  expect(scrollHeight, "the page grew taller than the window").toBeLessThanOrEqual(innerHeight + 1);
}

/** Every element of the locator is laid out on one line (money, SKUs and order numbers never wrap). */
export async function expectSingleLine(locator: Locator, what: string) {
  const count = await locator.count();
  expect(count, `no ${what} on the page`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const item = locator.nth(i);
    const lines = await item.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return tops.size;
    });
    expect(lines, `${what} "${await item.textContent()}" wraps over ${lines} lines`).toBe(1);
  }
}

/** Amounts, SKUs and order numbers inside the messages' text are never split over two lines. */
export async function expectTokensUnbroken(page: Page, width: number) {
  const broken = await page.evaluate((w) => {
    const token = /\$ \d{1,3}(?:\.\d{3})*|\b(?:SV|COT)-\d{6}\b|\b[A-Z]{2,5}-\d{3}\b/g;
    const found: string[] = [];
    let checked = 0;
    for (const bubble of document.querySelectorAll<HTMLElement>('[data-testid="bot-message"]')) {
      bubble.style.maxWidth = `${w}px`;
      const walker = document.createTreeWalker(bubble, NodeFilter.SHOW_TEXT);
      const text: { node: Text; start: number }[] = [];
      let all = "";
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        text.push({ node: n as Text, start: all.length });
        all += (n as Text).data;
      }
      for (const match of all.matchAll(token)) {
        const range = document.createRange();
        const at = (offset: number) => {
          const part = [...text].reverse().find((t) => t.start <= offset) as { node: Text; start: number };
          return [part.node, offset - part.start] as const;
        };
        range.setStart(...at(match.index));
        range.setEnd(...at(match.index + match[0].length - 1));
        range.setEnd(range.endContainer, range.endOffset + 1);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        checked += 1;
        if (tops.size > 1) found.push(match[0]);
      }
      bubble.style.maxWidth = "";
    }
    return { found, checked };
  }, width);
  expect(broken.checked, "no amounts or codes in the answers").toBeGreaterThan(0);
  expect(broken.found, "tokens split over two lines").toEqual([]);
}
