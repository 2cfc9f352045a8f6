import { AppError } from "@/lib/errors";
import { readBodyBytes } from "@/lib/http/body";
import { parseId } from "@/lib/http/ids";
import { guardedRoute, json } from "@/lib/http/route";
import { MAX_PRODUCT_IMAGE_BYTES, removeProductImage, saveProductImage } from "@/lib/media/product-images";
import { productImageUrl } from "@/lib/media/urls";

// The product photo from the console's product page: multipart field `foto`, any common image format up to
// 10 MB (checked by content), resized on the server. DELETE removes it.
function productId(raw: string | undefined): number {
  const id = parseId(raw);
  if (id === null) throw new AppError("not_found", "El producto no existe.");
  return id;
}

export const POST = guardedRoute<{ id: string }>("inventory:write", async ({ req, params, principal }) => {
  const id = productId(params.id);
  if (!/^multipart\/form-data/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "Envía la foto como multipart/form-data.");
  }
  const body = await readBodyBytes(req, MAX_PRODUCT_IMAGE_BYTES + 64 * 1024, "La foto supera 10 MB.");
  let file: FormDataEntryValue | null = null;
  try {
    const form = await new Response(body, {
      headers: { "content-type": req.headers.get("content-type") ?? "" },
    }).formData();
    file = form.get("foto");
  } catch {
    throw new AppError("invalid_input", "No pudimos leer el formulario enviado.");
  }
  if (!(file instanceof Blob) || file.size === 0) {
    throw new AppError("invalid_input", "Elige una foto para subir.", { fields: { foto: "Elige una foto." } });
  }
  const { imageKey } = await saveProductImage(id, new Uint8Array(await file.arrayBuffer()), principal);
  return json({ thumb: productImageUrl(imageKey, "thumb"), card: productImageUrl(imageKey, "card") });
});

export const DELETE = guardedRoute<{ id: string }>("inventory:write", async ({ params, principal }) => {
  const id = productId(params.id);
  await removeProductImage(id, principal);
  return json({ ok: true });
});
