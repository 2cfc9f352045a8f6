import { createHash } from "node:crypto";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "@/lib/db/audit";
import {
  findConversationIdByChatId,
  findReusableQuote,
  insertQuote,
  loadConversationQuoteSource,
  loadOrderQuoteSource,
  type QuoteSource,
} from "@/lib/db/quotes";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { storage } from "@/lib/storage";
import { randomKey } from "@/lib/storage/keys";
import { currentCompanyParty } from "./company";
import type { BusinessDocument } from "./model";
import { customerDocument, documentLines } from "./order-lines";
import { renderDocumentPdfBuffer } from "./pdf";

// Formal quotes (cotizaciones): a conversation's current cart or a console order → a numbered one-page PDF in
// storage and an expiring link to it. Asking again for the same cart returns the same quote with a fresh link.
export type QuoteLink = {
  number: string;
  url: string;
  /** when this link stops working */
  expiresAt: Date;
  /** the last day the quoted prices hold */
  validUntil: Date;
};

const DAY_MS = 86_400_000;
const MAX_LINK_SECONDS = 7 * 24 * 3600;
const VAT_RATE = 0.19;

function fingerprintOf(source: QuoteSource): string {
  const content = { lines: source.lines.map((l) => [l.sku, l.quantity, l.unitPrice]), customer: source.customer };
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

async function documentFor(source: QuoteSource, number: string, issuedAt: Date, validUntil: Date) {
  const { party, payment } = await currentCompanyParty();
  const c = source.customer;
  const days = env().QUOTE_VALIDITY_DAYS;
  return {
    kind: "cotizacion",
    number,
    issuedAt,
    validUntil,
    company: party,
    customer: {
      name: c.name ?? "Cliente",
      document: customerDocument(source),
      lines: [
        c.phone ? `Teléfono: ${c.phone}` : "",
        c.email ? `Correo: ${c.email}` : "",
        [c.address, c.city].filter(Boolean).join(", "),
      ].filter(Boolean),
    },
    lines: documentLines(source),
    total: source.total,
    vatRate: VAT_RATE,
    notes: [
      "Precios en pesos colombianos (COP) con IVA incluido.",
      `Cotización válida por ${days} días calendario, hasta el ${formatDate(validUntil)}. Las existencias se confirman al hacer el pedido.`,
      ...(payment.length > 0 ? [`Formas de pago: ${payment.join(" ")}`] : []),
    ],
  } satisfies BusinessDocument;
}

async function linkTo(key: string, number: string, validUntil: Date, now: Date): Promise<QuoteLink> {
  const seconds = Math.max(60, Math.min(MAX_LINK_SECONDS, Math.floor((validUntil.getTime() - now.getTime()) / 1000)));
  const url = await storage().presign(key, { expiresInSeconds: seconds, downloadName: `Cotizacion-${number}.pdf` });
  return { number, url, expiresAt: new Date(now.getTime() + seconds * 1000), validUntil };
}

async function quoteFrom(source: QuoteSource | null, createdBy: number | null, now = new Date()) {
  if (!source || source.lines.length === 0) {
    throw new AppError(
      "conflict",
      "Todavía no hay productos en el pedido: agrega lo que necesitas y preparo la cotización.",
      { detailCode: "carrito_vacio" },
    );
  }
  const fingerprint = fingerprintOf(source);
  const reusable = await findReusableQuote(source.orderId, fingerprint, new Date(now.getTime() + DAY_MS));
  if (reusable && (await storage().head(reusable.storageKey))) {
    return { quote: reusable, link: await linkTo(reusable.storageKey, reusable.number, reusable.validUntil, now) };
  }
  const validUntil = new Date(now.getTime() + env().QUOTE_VALIDITY_DAYS * DAY_MS);
  const storageKey = randomKey("quotes", "pdf");
  // the number comes from the row, so the row is written first and the PDF right after
  const quote = await insertQuote({ source, fingerprint, storageKey, validUntil, createdById: createdBy });
  const pdf = await renderDocumentPdfBuffer(await documentFor(source, quote.number, now, validUntil));
  await storage().put(storageKey, { data: pdf }, { contentType: "application/pdf", expiresAt: validUntil });
  return { quote, link: await linkTo(storageKey, quote.number, validUntil, now) };
}

/** The quote of a conversation's current cart (what the agent calls on "me pasa la cotización"). */
export async function createQuoteForConversation(conversationId: number): Promise<QuoteLink> {
  return (await quoteFrom(await loadConversationQuoteSource(conversationId), null)).link;
}

/** The same, addressed by the web chat's id. */
export async function createQuoteForChat(chatId: string): Promise<QuoteLink> {
  const conversationId = await findConversationIdByChatId(chatId);
  if (conversationId === null) return (await quoteFrom(null, null)).link;
  return createQuoteForConversation(conversationId);
}

/** A quote of one order, from the console (audited). */
export async function createQuoteForOrder(orderId: number, principal: Principal): Promise<QuoteLink> {
  const source = await loadOrderQuoteSource(orderId);
  if (!source) throw new AppError("not_found", "El pedido no existe o está cancelado.");
  const { quote, link } = await quoteFrom(source, principal.kind === "user" ? principal.id : null);
  await recordAudit(principal, {
    action: "order.quote",
    entityType: "order",
    entityId: orderId,
    after: { number: quote.number, total: quote.total },
  });
  return link;
}
