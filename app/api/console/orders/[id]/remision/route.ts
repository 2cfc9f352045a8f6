import { renderRemisionPdf } from "@/lib/documents/remision";
import { AppError } from "@/lib/errors";
import { parseId } from "@/lib/http/ids";
import { guardedRoute } from "@/lib/http/route";

// The printable remisión (PDF) of a sold order, opened from the order page; rendered on each request.
export const GET = guardedRoute<{ id: string }>("orders:read", async ({ params }) => {
  const id = parseId(params.id);
  if (id === null) throw new AppError("not_found", "El pedido no existe.");
  const { fileName, pdf } = await renderRemisionPdf(id);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="${fileName}"`,
      "cache-control": "private, no-store",
    },
  });
});
