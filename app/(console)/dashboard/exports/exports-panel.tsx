"use client";

import { useCallback, useEffect, useState } from "react";
import { type DataColumn, DataTable } from "@/components/ui/data-table";
import { ORDER_STATE_LABELS } from "@/lib/domain/order-words";
import type { ExportView } from "@/lib/exports/view";
import { formatDateTime, formatNumber } from "@/lib/format";

// Create exports and watch them progress; the list polls while a job is pending or running.
const DATASETS = [
  ["ventas", "Ventas (líneas de pedido)"],
  ["inventario", "Inventario"],
  ["clientes", "Clientes"],
  ["conversaciones", "Conversaciones"],
  ["reporte", "Reporte completo (XLSX)"],
] as const;
const STATES: Record<string, string[]> = {
  inventario: ["activo", "inactivo", "agotado"],
  clientes: [],
  ventas: ["cerrada", "cancelada", "pendiente", "iniciada", "recolectando_datos", "listo_para_finalizar"],
  conversaciones: ["pendiente", "recolectando_datos", "listo_para_finalizar", "cerrada", "cancelada", "iniciada"],
  reporte: ["cerrada", "cancelada"],
};

const COLUMNS: DataColumn[] = [
  { id: "file", header: "Archivo" },
  { id: "status", header: "Estado" },
  { id: "rows", header: "Filas", align: "right" },
  { id: "size", header: "Tamaño", align: "right", hideBelow: "md" },
  { id: "createdBy", header: "Creado por", hideBelow: "xl" },
  { id: "createdAt", header: "Creado", hideBelow: "lg" },
  { id: "expiresAt", header: "Vence", hideBelow: "xl" },
  { id: "download", header: <span className="sr-only">Descarga</span> },
];

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(".", ",")} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

export function ExportsPanel({ initial, canCreate }: { initial: ExportView[]; canCreate: boolean }) {
  const [items, setItems] = useState(initial);
  const [dataset, setDataset] = useState<string>("ventas");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const refresh = useCallback(async () => {
    const r = await fetch("/api/exports", { cache: "no-store" });
    if (r.ok) setItems((await r.json()).exports);
  }, []);

  const active = items.some((i) => i.status === "pending" || i.status === "running");
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void refresh(), 1_500);
    return () => clearInterval(timer);
  }, [active, refresh]);

  async function submit(form: FormData) {
    setBusy(true);
    setMessage(null);
    const body = {
      dataset,
      format: dataset === "reporte" ? "xlsx" : String(form.get("format") ?? "csv"),
      ...(form.get("from") ? { from: String(form.get("from")) } : {}),
      ...(form.get("to") ? { to: String(form.get("to")) } : {}),
      ...(form.get("state") ? { state: String(form.get("state")) } : {}),
      excel: form.get("excel") === "on",
      includeOpen: form.get("includeOpen") === "on",
    };
    try {
      const r = await fetch("/api/exports", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const data = await r.json();
      if (!r.ok) {
        const fields = data.error?.fields ? ` ${Object.values(data.error.fields).join(" ")}` : "";
        setMessage({ kind: "error", text: `${data.error?.message ?? "No se pudo crear la exportación."}${fields}` });
      } else {
        setMessage({ kind: "ok", text: "Exportación en marcha. Aparecerá lista para descargar en la tabla." });
        await refresh();
      }
    } catch {
      setMessage({ kind: "error", text: "No hay conexión con el servidor. Intenta de nuevo." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-6">
      {canCreate ? (
        <form action={submit} className="card grid gap-3 p-4 sm:grid-cols-3" aria-label="Nueva exportación">
          <label className="label">
            Datos
            <select className="input" name="dataset" value={dataset} onChange={(e) => setDataset(e.target.value)}>
              {DATASETS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="label">
            Desde
            <input className="input" type="date" name="from" />
          </label>
          <label className="label">
            Hasta
            <input className="input" type="date" name="to" />
          </label>
          <label className="label">
            Estado
            <select className="input" name="state" defaultValue="">
              <option value="">Todos</option>
              {(STATES[dataset] ?? []).map((s) => (
                <option key={s} value={s}>
                  {ORDER_STATE_LABELS[s] ?? s.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          </label>
          <label className="label">
            Formato
            <select className="input" name="format" defaultValue="csv" disabled={dataset === "reporte"}>
              <option value="csv">CSV</option>
              <option value="xlsx">Excel (XLSX)</option>
            </select>
          </label>
          <label className="label flex items-center gap-2 self-end">
            <input type="checkbox" name="excel" defaultChecked /> CSV para Excel en español (; y BOM)
          </label>
          {dataset === "ventas" || dataset === "reporte" ? (
            <label className="label flex items-center gap-2 self-end">
              <input type="checkbox" name="includeOpen" /> Incluir carritos abiertos (pedidos sin cerrar)
            </label>
          ) : null}
          <div className="sm:col-span-3 flex items-center gap-3">
            <button className="btn-primary" type="submit" disabled={busy}>
              {busy ? "Creando…" : "Exportar"}
            </button>
            {message ? (
              <p role="status" className={message.kind === "ok" ? "text-sm text-ok" : "text-sm text-danger"}>
                {message.text}
              </p>
            ) : null}
          </div>
        </form>
      ) : null}

      <DataTable
        columns={COLUMNS}
        rows={items.map((item) => ({
          key: String(item.id),
          data: { testid: `export-${item.id}` },
          cells: {
            file: (
              <>
                <div className="font-medium">{item.datasetLabel}</div>
                <div className="text-xs text-ink-500">{item.fileName}</div>
              </>
            ),
            status:
              item.status === "running" || item.status === "pending" ? (
                <div className="flex items-center gap-2">
                  <progress max={100} value={item.progress} aria-label={`Progreso ${item.progress}%`} />
                  <span>{item.progress}%</span>
                </div>
              ) : (
                <span className={item.status === "failed" ? "text-danger" : undefined} title={item.error ?? undefined}>
                  {item.statusLabel}
                </span>
              ),
            rows: formatNumber(item.rowCount),
            size: item.size ? formatBytes(item.size) : "—",
            createdBy: item.createdBy ?? "Clave API",
            createdAt: formatDateTime(item.createdAt),
            expiresAt: formatDateTime(item.expiresAt),
            download: item.downloadPath ? (
              <a className="btn-secondary" href={item.downloadPath} download>
                Descargar
              </a>
            ) : null,
          },
        }))}
        basePath="/dashboard/exports"
        params={{}}
        empty="Todavía no hay exportaciones."
        caption="Exportaciones recientes"
      />
    </div>
  );
}
