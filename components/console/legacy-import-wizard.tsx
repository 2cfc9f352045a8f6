"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError } from "@/components/ui/field-error";

type Result = {
  text?: string;
  report?: { dryRun: boolean; changed: boolean };
  problems?: string[];
  error?: { message: string };
};

// Upload app.db → simulation report → apply. The same file is sent again to apply (nothing is kept server-side).
export function LegacyImportWizard() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function send(mode: "preview" | "apply") {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/console/imports/legacy?mode=${mode}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: file,
      });
      const body = (await response.json()) as Result;
      setResult(body);
      if (!response.ok) setMessage(body.error?.message ?? "No se pudo procesar el archivo.");
      if (mode === "apply" && response.ok) router.refresh();
    } catch {
      setMessage("No se pudo enviar el archivo. Revisa la conexión e intenta de nuevo.");
    } finally {
      setBusy(false);
    }
  }

  const canApply = result?.report?.dryRun === true && result.report.changed;
  return (
    <div className="flex flex-col gap-4">
      <div className="card flex flex-wrap items-end gap-3 p-4">
        <div>
          <label className="label" htmlFor="legacy-file">
            Archivo app.db
          </label>
          <input
            id="legacy-file"
            type="file"
            accept=".db,.sqlite,.sqlite3,application/x-sqlite3,application/octet-stream"
            className="text-sm"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setResult(null);
              setMessage(null);
            }}
          />
        </div>
        <button type="button" className="btn-secondary" disabled={!file || busy} onClick={() => send("preview")}>
          {busy ? "Procesando…" : "Simular importación"}
        </button>
        <button type="button" className="btn-primary" disabled={!canApply || busy} onClick={() => send("apply")}>
          Aplicar importación
        </button>
      </div>
      <FormError message={message} />
      {result?.problems ? (
        <section className="card p-4" aria-label="Problemas del archivo">
          <h2 className="mb-2 font-medium">El archivo tiene problemas; no se escribió nada:</h2>
          <ul className="list-disc pl-5 text-sm">
            {result.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {result?.text ? (
        <section className="card p-4" aria-label="Informe de la importación">
          <pre className="whitespace-pre-wrap text-sm">{result.text}</pre>
        </section>
      ) : null}
    </div>
  );
}
