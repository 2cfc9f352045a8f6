import path from "node:path";
import { PassThrough, type Readable } from "node:stream";
import PDFDocument from "pdfkit";
import { formatCop, formatDate, formatNumber } from "@/lib/format";
import { type BusinessDocument, DOCUMENT_TITLES, splitVat } from "./model";

// One Letter page per document (Colombian offices print on carta): company and document number on top,
// customer, lines, VAT breakdown, notes. Fonts are the repo's own Geist TTFs (PDFKit's built-in Helvetica
// has no glyph coverage guarantees for every Spanish name, and embedding keeps the output identical anywhere).
const FONT_DIR = path.join(process.cwd(), "lib", "documents", "fonts");
const PAGE = { width: 612, height: 792, margin: 40 };
const INK = "#121b2e";
const MUTED = "#5b6b8a";
const BRAND = "#c2410c";
const RULE = "#e6eaf2";

type Column = { title: string; width: number; align: "left" | "right" };

function columns(showCodes: boolean): Column[] {
  const usable = PAGE.width - PAGE.margin * 2;
  const fixed = [
    { title: "Cant.", width: 44, align: "right" as const },
    { title: "Valor unitario", width: 86, align: "right" as const },
    { title: "Subtotal", width: 90, align: "right" as const },
  ];
  const code = showCodes ? [{ title: "Código", width: 70, align: "left" as const }] : [];
  const taken = fixed.reduce((s, c) => s + c.width, 0) + code.reduce((s, c) => s + c.width, 0);
  return [...code, { title: "Descripción", width: usable - taken, align: "left" }, ...fixed];
}

function drawHeader(pdf: PDFKit.PDFDocument, doc: BusinessDocument) {
  const { margin } = PAGE;
  const right = PAGE.width - margin - 200;
  pdf.font("bold").fontSize(15).fillColor(INK).text(doc.company.name, margin, margin, { width: 300 });
  pdf.font("regular").fontSize(8.5).fillColor(MUTED);
  if (doc.company.document) pdf.text(doc.company.document, { width: 300 });
  for (const line of doc.company.lines) pdf.text(line, { width: 300 });
  const companyBottom = pdf.y;

  pdf.font("bold").fontSize(15).fillColor(BRAND);
  pdf.text(DOCUMENT_TITLES[doc.kind].toUpperCase(), right, margin, { width: 200, align: "right" });
  pdf
    .font("bold")
    .fontSize(10)
    .fillColor(INK)
    .text(doc.number, right, pdf.y + 2, { width: 200, align: "right" });
  pdf.font("regular").fontSize(8.5).fillColor(MUTED);
  pdf.text(`Fecha: ${formatDate(doc.issuedAt)}`, right, pdf.y + 2, { width: 200, align: "right" });
  if (doc.validUntil) pdf.text(`Válida hasta: ${formatDate(doc.validUntil)}`, { width: 200, align: "right" });
  const bottom = Math.max(companyBottom, pdf.y) + 10;
  pdf.rect(margin, bottom, PAGE.width - margin * 2, 3).fill(BRAND);
  return bottom + 14;
}

function drawCustomer(pdf: PDFKit.PDFDocument, doc: BusinessDocument, top: number) {
  const { margin } = PAGE;
  pdf.font("bold").fontSize(8).fillColor(MUTED).text("CLIENTE", margin, top);
  pdf
    .font("bold")
    .fontSize(11)
    .fillColor(INK)
    .text(doc.customer.name, margin, pdf.y + 2);
  pdf.font("regular").fontSize(9).fillColor(INK);
  if (doc.customer.document) pdf.text(doc.customer.document);
  for (const line of doc.customer.lines) pdf.text(line);
  return pdf.y + 14;
}

function drawLines(pdf: PDFKit.PDFDocument, doc: BusinessDocument, top: number) {
  const { margin } = PAGE;
  const cols = columns(doc.lines.some((l) => l.code));
  // many lines still fit on the one page: the table's type shrinks before it would overflow
  const size = doc.lines.length > 22 ? 7 : doc.lines.length > 14 ? 8 : 9;
  const cell = (text: string, x: number, y: number, c: Column, font: "regular" | "bold" = "regular") => {
    pdf
      .font(font)
      .fontSize(size)
      .text(text, x + 4, y, { width: c.width - 8, align: c.align, lineBreak: true });
  };
  let y = top;
  pdf.rect(margin, y, PAGE.width - margin * 2, size + 10).fill("#f4f6fa");
  pdf.fillColor(MUTED);
  let x = margin;
  for (const c of cols) {
    cell(c.title, x, y + 5, c, "bold");
    x += c.width;
  }
  y += size + 12;
  pdf.fillColor(INK);
  for (const line of doc.lines) {
    const values = [
      ...(cols[0]?.title === "Código" ? [line.code ?? ""] : []),
      line.description,
      formatNumber(line.quantity),
      formatCop(line.unitPrice),
      formatCop(line.subtotal),
    ];
    const descriptionCol = cols.find((c) => c.title === "Descripción") as Column;
    pdf.font("regular").fontSize(size);
    const height = Math.max(size + 2, pdf.heightOfString(line.description, { width: descriptionCol.width - 8 }));
    x = margin;
    cols.forEach((c, i) => {
      cell(values[i] ?? "", x, y + 3, c);
      x += c.width;
    });
    y += height + 6;
    pdf
      .moveTo(margin, y)
      .lineTo(PAGE.width - margin, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }
  return y + 8;
}

function drawTotals(pdf: PDFKit.PDFDocument, doc: BusinessDocument, top: number) {
  const width = 240;
  const x = PAGE.width - PAGE.margin - width;
  const { base, vat } = splitVat(doc.total, doc.vatRate);
  const rows: [string, string, boolean][] = [
    ["Subtotal sin IVA", formatCop(base), false],
    [`IVA (${Math.round(doc.vatRate * 100)} %)`, formatCop(vat), false],
    ["Total", formatCop(doc.total), true],
  ];
  let y = top;
  for (const [label, value, strong] of rows) {
    pdf
      .font(strong ? "bold" : "regular")
      .fontSize(strong ? 11 : 9)
      .fillColor(INK);
    pdf.text(`${label} ${value}`, x, y, { width, align: "right" });
    y = pdf.y + 3;
  }
  return y + 12;
}

function drawNotes(pdf: PDFKit.PDFDocument, doc: BusinessDocument, top: number) {
  const { margin } = PAGE;
  pdf.font("regular").fontSize(8).fillColor(MUTED);
  let y = top;
  for (const note of doc.notes) {
    pdf.text(`• ${note}`, margin, y, { width: PAGE.width - margin * 2 });
    y = pdf.y + 2;
  }
}

/** The document as a PDF byte stream (pipe it to storage or an HTTP response). */
export function renderDocumentPdf(doc: BusinessDocument): Readable {
  const pdf = new PDFDocument({
    size: "LETTER",
    margin: PAGE.margin,
    info: { Title: `${DOCUMENT_TITLES[doc.kind]} ${doc.number}`, Author: doc.company.name },
    lang: "es-CO",
  });
  pdf.registerFont("regular", path.join(FONT_DIR, "Geist-Regular.ttf"));
  pdf.registerFont("bold", path.join(FONT_DIR, "Geist-Bold.ttf"));
  const out = new PassThrough();
  pdf.pipe(out);
  let y = drawHeader(pdf, doc);
  y = drawCustomer(pdf, doc, y);
  y = drawLines(pdf, doc, y);
  y = drawTotals(pdf, doc, y);
  drawNotes(pdf, doc, y);
  pdf.end();
  return out;
}

export async function renderDocumentPdfBuffer(doc: BusinessDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of renderDocumentPdf(doc)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
