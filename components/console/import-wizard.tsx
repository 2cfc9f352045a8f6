"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/field-error";
import { formatNumber } from "@/lib/format";

type ImportError = { line: number; field?: string; message: string };
type Preview = {
  format: string | null;
  separator: string;
  validRows: number;
  errors: ImportError[];
  plan?: { create: number; update: number; unchanged: number };
  sample?: { line: number; action: string; sku: string | null; name: string }[];
  applied?: { created: number; updated: number; unchanged: number; deactivated: number };
  error?: { message: string };
};

const ACTIONS: Record<string, string> = { create: "Nuevo", update: "Actualiza", unchanged: "Sin cambios" };

export function ImportWizard() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<"upsert" | "replace">("upsert");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function send(kind: "preview" | "upsert" | "replace") {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(
        `/api/console/imports/products?mode=${kind}&file=${encodeURIComponent(file.name.slice(0, 200))}`,
        { method: "POST", headers: { "content-type": "text/csv" }, body: file },
      );
      const body = (await response.json()) as Preview;
      setPreview(body);
      if (!response.ok) setMessage(body.error?.message ?? "No se pudo procesar el archivo.");
      if (body.applied) router.refresh();
    } catch {
      setMessage("No se pudo enviar el archivo. Revisa la conexión e intenta de nuevo.");
    } finally {
      setBusy(false);
    }
  }

  const canApply = preview && !preview.applied && preview.errors.length === 0 && preview.validRows > 0;
  return (
    <div className="flex flex-col gap-4">
      <div className="card flex flex-wrap items-end gap-3 p-4">
        <div>
          <label className="label" htmlFor="import-file">
            Archivo CSV
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            className="text-sm"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setMessage(null);
            }}
          />
        </div>
        <div>
          <label className="label" htmlFor="import-mode">
            Modo
          </label>
          <select
            id="import-mode"
            className="input"
            value={mode}
            onChange={(e) => setMode(e.target.value as "upsert" | "replace")}
          >
            <option value="upsert">Agregar y actualizar</option>
            <option value="replace">Reemplazar catálogo (desactiva lo que no esté en el archivo)</option>
          </select>
        </div>
        <button className="btn-secondary" type="button" disabled={!file || busy} onClick={() => send("preview")}>
          {busy ? "Revisando…" : "Revisar archivo"}
        </button>
      </div>
      <FormError message={message} />
      {preview ? <PreviewPanel preview={preview} /> : null}
      {canApply ? (
        <div>
          <button className="btn-primary" type="button" disabled={busy} onClick={() => send(mode)}>
            Aplicar importación ({formatNumber(preview.validRows)} filas)
          </button>
        </div>
      ) : null}
    </div>
  );
}

function PreviewPanel({ preview }: { preview: Preview }) {
  return (
    <section className="card p-4 text-sm" data-testid="import-preview">
      <p className="mb-2 text-ink-700">
        Formato: <strong>{preview.format === "legado" ? "sistema anterior" : (preview.format ?? "desconocido")}</strong>{" "}
        · separador «{preview.separator}» · {formatNumber(preview.validRows)} filas válidas
      </p>
      {preview.applied ? (
        <p role="status" className="rounded-lg bg-green-50 px-3 py-2 text-ok" data-testid="import-applied">
          Importación aplicada: {formatNumber(preview.applied.created)} nuevos, {formatNumber(preview.applied.updated)}{" "}
          actualizados, {formatNumber(preview.applied.unchanged)} sin cambios
          {preview.applied.deactivated ? `, ${formatNumber(preview.applied.deactivated)} desactivados` : ""}.
        </p>
      ) : null}
      {preview.plan && !preview.applied ? (
        <p className="mb-2">
          Se crearán <strong>{formatNumber(preview.plan.create)}</strong>, se actualizarán{" "}
          <strong>{formatNumber(preview.plan.update)}</strong> y <strong>{formatNumber(preview.plan.unchanged)}</strong>{" "}
          quedan igual.
        </p>
      ) : null}
      {preview.errors.length > 0 ? (
        <div data-testid="import-errors">
          <p className="mb-1 font-medium text-danger">
            {formatNumber(preview.errors.length)} {preview.errors.length === 1 ? "error" : "errores"}: corrige el
            archivo; no se aplicará ningún cambio.
          </p>
          <ul className="max-h-64 overflow-y-auto rounded-lg bg-red-50 p-2 text-danger">
            {preview.errors.slice(0, 200).map((e, i) => (
              <li key={i}>
                Línea {e.line}
                {e.field && e.field !== "_" ? ` (${e.field})` : ""}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {preview.sample && preview.sample.length > 0 && !preview.applied ? (
        <table className="mt-2 w-full text-left">
          <thead className="text-xs uppercase text-ink-500">
            <tr>
              <th className="py-1">Línea</th>
              <th>Acción</th>
              <th>SKU</th>
              <th>Nombre</th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((r) => (
              <tr key={r.line} className="border-t border-ink-50">
                <td className="py-1">{r.line}</td>
                <td>{ACTIONS[r.action] ?? r.action}</td>
                <td className="font-mono text-xs">{r.sku ?? "(nuevo)"}</td>
                <td>{r.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
