"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { applyBulkAction, previewBulkAction } from "@/app/(console)/dashboard/inventory/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/field-error";
import { BULK_LABELS, type BulkChange, type BulkRow } from "@/lib/domain/bulk-products";
import { formatCop, formatNumber } from "@/lib/format";

const show = (v: string | number | boolean) =>
  typeof v === "boolean" ? (v ? "Activo" : "Inactivo") : typeof v === "number" ? formatCop(v) : v;

/**
 * The actions on the selected rows: choose a change, see what it does product by product, then apply it in
 * one audited transaction (the dialog is the confirmation).
 */
export function BulkBar({ ids, categories, onDone }: { ids: number[]; categories: string[]; onDone: () => void }) {
  const router = useRouter();
  const [type, setType] = useState<BulkChange["type"]>("price");
  const [value, setValue] = useState("");
  const [preview, setPreview] = useState<{ change: BulkChange; rows: BulkRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const change = (): BulkChange | null => {
    if (type === "price") {
      const percent = Number(value.replace(",", "."));
      return Number.isFinite(percent) && value.trim() ? { type, percent } : null;
    }
    if (type === "category") return value.trim() ? { type, category: value.trim() } : null;
    return { type };
  };

  return (
    <div className="card mb-3 flex flex-wrap items-end gap-2 p-3" data-testid="bulk-bar">
      <p className="w-full text-sm font-medium">{formatNumber(ids.length)} productos seleccionados</p>
      <div>
        <label className="label" htmlFor="bulk-type">
          Acción
        </label>
        <select
          id="bulk-type"
          className="input w-52"
          value={type}
          onChange={(e) => {
            setType(e.target.value as BulkChange["type"]);
            setValue("");
          }}
        >
          {(Object.keys(BULK_LABELS) as BulkChange["type"][]).map((t) => (
            <option key={t} value={t}>
              {BULK_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      {type === "price" ? (
        <div>
          <label className="label" htmlFor="bulk-percent">
            Porcentaje (−10 baja, 5 sube)
          </label>
          <input
            id="bulk-percent"
            className="input w-40"
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
      ) : null}
      {type === "category" ? (
        <div>
          <label className="label" htmlFor="bulk-category">
            Nueva categoría
          </label>
          <input
            id="bulk-category"
            className="input w-52"
            list="bulk-categories"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <datalist id="bulk-categories">
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
      ) : null}
      <button
        type="button"
        className="btn-primary"
        disabled={pending}
        onClick={() => {
          const next = change();
          if (!next) {
            setError(type === "price" ? "Escribe el porcentaje." : "Escribe la categoría.");
            return;
          }
          start(async () => {
            const result = await previewBulkAction({ ids, change: next });
            if (!result.ok) setError(result.error.message);
            else {
              setError(null);
              setPreview({ change: next, rows: result.data.rows });
            }
          });
        }}
      >
        Ver cambios
      </button>
      <div className="w-full">
        <FormError message={preview ? null : error} />
      </div>
      <ConfirmDialog
        open={preview !== null}
        title={`${BULK_LABELS[preview?.change.type ?? type]}: ${formatNumber(preview?.rows.length ?? 0)} productos`}
        tone="primary"
        confirmLabel="Aplicar cambios"
        pending={pending}
        error={error}
        description={
          preview && preview.rows.length > 0 ? (
            <div className="max-h-72 overflow-y-auto">
              <table className="w-full text-left text-xs" data-testid="bulk-preview">
                <thead>
                  <tr>
                    <th className="py-1">Producto</th>
                    <th className="py-1">Antes</th>
                    <th className="py-1">Después</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.id} className="border-t border-ink-50">
                      <td className="py-1 pr-2">
                        <span className="font-mono">{r.sku}</span> {r.name}
                      </td>
                      <td className="py-1 pr-2 whitespace-nowrap">{show(r.before)}</td>
                      <td className="py-1 whitespace-nowrap font-medium">{show(r.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            "Ningún producto seleccionado cambia con esta acción."
          )
        }
        onClose={() => {
          setPreview(null);
          setError(null);
        }}
        onConfirm={() => {
          if (!preview || preview.rows.length === 0) {
            setPreview(null);
            return;
          }
          start(async () => {
            const result = await applyBulkAction({ ids, change: preview.change });
            if (!result.ok) setError(result.error.message);
            else {
              setPreview(null);
              setError(null);
              onDone();
              router.refresh();
            }
          });
        }}
      />
    </div>
  );
}
