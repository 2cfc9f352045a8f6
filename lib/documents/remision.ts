import { db } from "@/lib/db/client";
import { loadOrderQuoteSource } from "@/lib/db/quotes";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { currentCompanyParty } from "./company";
import type { BusinessDocument } from "./model";
import { customerDocument, documentLines } from "./order-lines";
import { renderDocumentPdfBuffer } from "./pdf";

const VAT_RATE = 0.19;

// The printable remisión of a sold order: the same layout as the customer's quote (lib/documents/pdf.ts), with the
// lines at the prices it was sold at, the delivery address, and the carrier once dispatched. Rendered on demand,
// never stored: the order row is the record.
export async function remisionDocument(orderId: number): Promise<BusinessDocument> {
  const order = await db().order.findUnique({
    where: { id: orderId },
    select: { number: true, state: true, closedAt: true, carrier: true, trackingNumber: true, dispatchedAt: true },
  });
  if (!order) throw new AppError("not_found", "El pedido no existe.");
  if (order.state !== "cerrada") {
    throw new AppError("conflict", "Solo un pedido cerrado tiene remisión: este todavía no es una venta.");
  }
  const source = await loadOrderQuoteSource(orderId);
  if (!source) throw new AppError("not_found", "El pedido no existe.");
  const { party } = await currentCompanyParty();
  const c = source.customer;
  return {
    kind: "remision",
    number: order.number,
    issuedAt: order.closedAt ?? new Date(),
    company: party,
    customer: {
      name: c.name ?? "Cliente",
      document: customerDocument(source),
      lines: [
        c.phone ? `Teléfono: ${c.phone}` : "",
        c.email ? `Correo: ${c.email}` : "",
        [c.address, c.city].filter(Boolean).join(", ")
          ? `Entregar en: ${[c.address, c.city].filter(Boolean).join(", ")}`
          : "",
      ].filter(Boolean),
    },
    lines: documentLines(source),
    total: source.total,
    vatRate: VAT_RATE,
    notes: [
      "Precios en pesos colombianos (COP) con IVA incluido.",
      order.carrier
        ? `Despachado ${order.dispatchedAt ? `el ${formatDate(order.dispatchedAt)} ` : ""}con ${order.carrier}, guía ${order.trackingNumber ?? "—"}.`
        : "Pendiente de despacho.",
      "Recibido a satisfacción: ____________________________   Fecha: ____________",
    ],
  };
}

export async function renderRemisionPdf(orderId: number): Promise<{ fileName: string; pdf: Buffer }> {
  const doc = await remisionDocument(orderId);
  return { fileName: `remision-${doc.number}.pdf`, pdf: await renderDocumentPdfBuffer(doc) };
}
