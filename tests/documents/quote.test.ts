import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postQuote } from "@/app/api/chat/[chatId]/quote/route";
import { GET as getFile } from "@/app/files/local/[...key]/route";
import { createQuoteForConversation } from "@/lib/documents/quotes";
import { resetEnvCache } from "@/lib/env";
import { freshIp, ownerHeaders, runDialog } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// The formal quote from a conversation's cart, on both databases: a numbered one-page PDF in storage behind an
// expiring link, with the company, the customer's NIT, the lines, the VAT included and the total.
const B2B = [
  "quiero 3 cascos blancos tipo I de Steelpro",
  "Listo, eso es todo",
  "razón social Constructora El Roble SAS, NIT 900.456.789-4, teléfono 3104567890, dirección Carrera 10 # 20-30, Cali",
];

async function downloadPdf(url: string): Promise<{ text: string; pages: number; res: Response }> {
  const u = new URL(url, "http://localhost");
  const key = u.pathname.replace(/^\/files\/local\//, "").split("/");
  const res = await getFile(new NextRequest(u), { params: Promise.resolve({ key }) });
  const data = new Uint8Array(await res.clone().arrayBuffer());
  const parser = new PDFParse({ data });
  const result = await parser.getText();
  await parser.destroy();
  return { text: result.text.replace(/\s+/g, " "), pages: result.total, res };
}

describe.each(FLAVOURS)("formal quotes (%s)", (flavour) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "quotes-"));
    process.env.STORAGE_BACKEND = "local";
    process.env.STORAGE_LOCAL_DIR = dir;
    process.env.COMPANY_NIT = "900.111.222-3";
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => {
    delete process.env.COMPANY_NIT;
    resetEnvCache();
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("turns the cart into a numbered PDF with the lines, the NIT, the VAT and the total", async () => {
    const chatId = `quote-${flavour}-1`;
    await runDialog(B2B, chatId);
    const conversation = await t.db.conversation.findUniqueOrThrow({ where: { chatId } });
    const before = Date.now();
    const quote = await createQuoteForConversation(conversation.id);
    expect(quote.number).toMatch(/^COT-\d{6}$/);
    expect(quote.expiresAt.getTime()).toBeGreaterThan(before);
    expect(quote.expiresAt.getTime()).toBeLessThanOrEqual(quote.validUntil.getTime());
    expect(Math.round((quote.validUntil.getTime() - before) / 86_400_000)).toBe(15);

    const { text, pages, res } = await downloadPdf(quote.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain(`Cotizacion-${quote.number}.pdf`);
    expect(pages).toBe(1);
    expect(text).toContain(quote.number);
    expect(text).toContain("Sextinvalle S.A.S.");
    expect(text).toContain("NIT 900.111.222-3");
    expect(text).toContain("Constructora El Roble SAS");
    expect(text).toContain("NIT 900456789-4");
    expect(text).toContain("Casco de seguridad tipo I clase E blanco");
    expect(text).toContain("CAB-001");
    expect(text).toContain("$ 38.500");
    expect(text).toMatch(/Subtotal sin IVA \$ 97\.059/);
    expect(text).toMatch(/IVA \(19 %\) \$ 18\.441/);
    expect(text).toMatch(/Total \$ 115\.500/);
    expect(text).toContain("válida por 15 días");
  });

  it("asking again for the same cart gives the same quote; a changed cart a new one", async () => {
    const chatId = `quote-${flavour}-2`;
    await runDialog(B2B, chatId);
    const conversation = await t.db.conversation.findUniqueOrThrow({ where: { chatId } });
    const first = await createQuoteForConversation(conversation.id);
    const again = await createQuoteForConversation(conversation.id);
    expect(again.number).toBe(first.number);
    await runDialog(["mejor que sean 5 cascos blancos tipo I de Steelpro"], chatId);
    const changed = await createQuoteForConversation(conversation.id);
    expect(changed.number).not.toBe(first.number);
    expect((await downloadPdf(changed.url)).text).toMatch(/Total \$ 192\.500/);
    expect(await t.db.quote.count({ where: { conversationId: conversation.id } })).toBe(2);
  });

  it("hides internal SKUs on the quote", async () => {
    await t.db.product.update({ where: { sku: "CAB-001" }, data: { skuInternal: true } });
    try {
      const chatId = `quote-${flavour}-3`;
      await runDialog(B2B, chatId);
      const conversation = await t.db.conversation.findUniqueOrThrow({ where: { chatId } });
      const { text } = await downloadPdf((await createQuoteForConversation(conversation.id)).url);
      expect(text).toContain("Casco de seguridad tipo I clase E blanco");
      expect(text).not.toContain("CAB-001");
    } finally {
      await t.db.product.update({ where: { sku: "CAB-001" }, data: { skuInternal: false } });
    }
  });

  it("the shop's route answers an empty cart with a Spanish 409 and a stable code, and a bad chat id with 400", async () => {
    const call = (chatId: string) =>
      postQuote(
        new NextRequest(`http://localhost/api/chat/${chatId}/quote`, {
          method: "POST",
          headers: { "x-sextinvalle-client-ip": freshIp(), ...ownerHeaders(chatId) },
        }),
        { params: Promise.resolve({ chatId }) },
      );
    await runDialog(["hola, ¿qué horario tienen?"], `quote-${flavour}-empty`);
    const empty = await call(`quote-${flavour}-empty`);
    expect(empty.status).toBe(409);
    const body = (await empty.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("carrito_vacio");
    expect(body.error.message).toMatch(/Todavía no hay productos/);
    expect((await call("no existe")).status).toBe(400);
    expect(await t.db.quote.count({ where: { conversation: { chatId: `quote-${flavour}-empty` } } })).toBe(0);
  });
});
