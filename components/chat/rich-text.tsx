import type { ReactNode } from "react";

// A message's text as the customer reads it: amounts, SKUs and order/quote numbers kept on one line, and links
// (a quote's download link, the company's site) clickable. Plain text in, nothing interpreted as HTML.
const TOKEN =
  /(https?:\/\/[^\s<>"')]+|\/files\/local\/[^\s<>"')]+|\$ ?\d{1,3}(?:\.\d{3})*(?:,\d+)?|\b(?:SV|COT)-\d{6}\b|\b[A-Z]{2,5}-\d{2,5}\b)/g;

function linkLabel(url: string): string {
  if (/\/quotes\/[^/?]+\.pdf/.test(url)) return "Descargar la cotización (PDF)";
  return url.startsWith("/files/") ? "Descargar archivo" : url;
}

export function RichText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const value = match[0];
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    const link = value.startsWith("http") || value.startsWith("/files/");
    // a sentence's final period is not part of the link
    const trimmed = link ? value.replace(/[.,;:]+$/, "") : value;
    parts.push(
      link ? (
        <a
          key={at}
          href={trimmed}
          target="_blank"
          rel="noopener noreferrer"
          className="break-all font-medium underline"
        >
          {linkLabel(trimmed)}
        </a>
      ) : (
        <span key={at} data-nowrap className="whitespace-nowrap">
          {value}
        </span>
      ),
    );
    last = at + trimmed.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
