// The printable business document (cotización, pedido, remisión) as plain data. Renderers take this and
// nothing else, so the console's order printout and the shop's quote share one layout.
export type DocumentKind = "cotizacion" | "pedido" | "remision";

export type DocumentParty = {
  name: string;
  /** e.g. "NIT 900123456-7" or "CC 1144556677" */
  document?: string | null;
  lines: string[];
};

export type DocumentLine = {
  /** null hides the code (products whose SKU the shop never chose) */
  code: string | null;
  description: string;
  quantity: number;
  unit?: string | null;
  /** integer COP, IVA included */
  unitPrice: number;
  subtotal: number;
};

export type BusinessDocument = {
  kind: DocumentKind;
  number: string;
  issuedAt: Date;
  /** quotes: the last day their prices hold */
  validUntil?: Date | null;
  company: DocumentParty;
  customer: DocumentParty;
  lines: DocumentLine[];
  /** integer COP, IVA included */
  total: number;
  /** VAT rate included in the prices (0.19 in Colombia) */
  vatRate: number;
  notes: string[];
};

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  cotizacion: "Cotización",
  pedido: "Pedido",
  remision: "Remisión",
};

/** Base and VAT of an amount whose price already includes VAT (rounded to whole pesos, base + VAT = total). */
export function splitVat(total: number, vatRate: number): { base: number; vat: number } {
  const base = Math.round(total / (1 + vatRate));
  return { base, vat: total - base };
}
