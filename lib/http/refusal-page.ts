// A refusal a person sees in the browser (a limited or forged page load) is a page in Spanish, not JSON.
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export const REFUSAL_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

export function refusalPage(title: string, message: string, retryAfterSeconds?: number): string {
  const retry =
    retryAfterSeconds !== undefined
      ? `<p>Podrás intentarlo de nuevo en ${retryAfterSeconds} ${retryAfterSeconds === 1 ? "segundo" : "segundos"}.</p>`
      : "";
  return `<!doctype html>
<html lang="es-CO">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Sextinvalle</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:32rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 1rem;color:#c2410c}
a{color:#c2410c;font-weight:600}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
${retry}
<p><a href="/">Volver al inicio</a></p>
</main>
</body>
</html>
`;
}

/** A page load (not fetch, not an RSC request) that wants HTML. */
export function isNavigation(method: string, headers: { get(name: string): string | null }): boolean {
  if (headers.get("sec-fetch-mode") === "navigate") return true;
  if (headers.get("rsc") || headers.get("next-router-prefetch")) return false;
  return method === "GET" && /text\/html/i.test(headers.get("accept") ?? "");
}
