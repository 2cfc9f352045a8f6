"use client";
import Image from "next/image";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

// The product photo on the console's product page: upload (any common format; the server resizes it) or
// remove. The chat's product cards and the inventory list show it from then on.
type Result = { ok: true; message: string } | { ok: false; message: string };

async function errorOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not our error shape
  }
  return "No pudimos guardar la foto. Intenta de nuevo.";
}

export function ProductImageUpload({
  productId,
  productName,
  thumb,
  canWrite,
}: {
  productId: number;
  productName: string;
  thumb: string | null;
  canWrite: boolean;
}) {
  const router = useRouter();
  const file = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  const send = async (method: "POST" | "DELETE") => {
    setPending(true);
    setResult(null);
    try {
      const init: RequestInit = { method };
      if (method === "POST") {
        const chosen = file.current?.files?.[0];
        if (!chosen) {
          setResult({ ok: false, message: "Elige una foto para subir." });
          return;
        }
        const form = new FormData();
        form.set("foto", chosen);
        init.body = form;
      }
      const res = await fetch(`/api/console/products/${productId}/image`, init);
      if (!res.ok) {
        setResult({ ok: false, message: await errorOf(res) });
        return;
      }
      if (file.current) file.current.value = "";
      setResult({ ok: true, message: method === "POST" ? "Foto guardada." : "Foto eliminada." });
      router.refresh();
    } catch {
      setResult({ ok: false, message: "No pudimos conectar con el servidor. Intenta de nuevo." });
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card flex flex-col gap-3 p-4" aria-labelledby="product-photo-title">
      <h2 id="product-photo-title" className="font-semibold">
        Foto
      </h2>
      {thumb ? (
        <Image
          src={thumb}
          alt={`Foto de ${productName}`}
          // already 160 px, resized on upload
          unoptimized
          width={160}
          height={160}
          className="size-40 rounded-lg border border-ink-100 object-cover"
        />
      ) : (
        <p className="grid size-40 place-items-center rounded-lg bg-ink-50 text-sm text-ink-500">Sin foto</p>
      )}
      {canWrite ? (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void send("POST");
          }}
        >
          <label className="label" htmlFor="product-photo">
            Foto del producto
          </label>
          <input
            id="product-photo"
            ref={file}
            type="file"
            name="foto"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif,image/heic"
            className="text-sm"
            aria-describedby="product-photo-help"
          />
          <p id="product-photo-help" className="text-xs text-ink-500">
            JPEG, PNG, WebP, GIF, AVIF o HEIC hasta 10 MB. Se recorta a miniatura y a tamaño de tarjeta.
          </p>
          <div className="flex flex-wrap gap-2">
            <button className="btn-primary" type="submit" disabled={pending}>
              {pending ? "Guardando…" : "Subir foto"}
            </button>
            {thumb ? (
              <button className="btn-secondary" type="button" disabled={pending} onClick={() => void send("DELETE")}>
                Quitar foto
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={`rounded-lg px-3 py-2 text-sm ${result.ok ? "bg-green-50 text-ok" : "bg-red-50 text-danger"}`}
        >
          {result.message}
        </p>
      ) : null}
    </section>
  );
}
