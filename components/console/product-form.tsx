"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createProductAction, updateProductAction } from "@/app/(console)/dashboard/inventory/actions";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";

export type ProductFormValues = {
  sku: string;
  name: string;
  category: string;
  brand: string;
  price: number | string;
  unit: string;
  standard: string;
  description: string;
  synonyms: string;
  lowStockThreshold?: number | string | null;
  stock?: number | string;
};

const FIELDS: { name: keyof ProductFormValues; label: string; type?: string; wide?: boolean; area?: boolean }[] = [
  { name: "sku", label: "SKU" },
  { name: "name", label: "Nombre", wide: true },
  { name: "category", label: "Categoría" },
  { name: "brand", label: "Marca" },
  { name: "price", label: "Precio (COP, IVA incluido)", type: "number" },
  { name: "unit", label: "Unidad" },
  { name: "standard", label: "Norma" },
  { name: "lowStockThreshold", label: "Avisar bajo stock con (unidades; vacío: el valor general)", type: "number" },
  { name: "synonyms", label: "Sinónimos (separados por ; o ,)", wide: true },
  { name: "description", label: "Descripción", wide: true, area: true },
];

export function ProductForm({
  productId,
  initial,
  categories,
  disabled,
}: {
  productId?: number;
  initial: ProductFormValues;
  categories: string[];
  disabled?: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const creating = productId === undefined;
  const fields = creating ? [...FIELDS, { name: "stock" as const, label: "Stock inicial", type: "number" }] : FIELDS;

  function submit(form: FormData) {
    const values = Object.fromEntries(fields.map((f) => [f.name, String(form.get(f.name) ?? "")]));
    setSaved(false);
    start(async () => {
      const result = creating
        ? await createProductAction(values as never)
        : await updateProductAction({ id: productId, fields: values as never });
      if (!result.ok) {
        // updates nest the fields under `fields.`; the form shows them by field name
        const fields = Object.entries(result.error.fields ?? {}).map(([k, v]) => [k.replace(/^fields\./, ""), v]);
        setErrors(Object.fromEntries(fields));
        setMessage(result.error.message);
        return;
      }
      setErrors({});
      setMessage(null);
      setSaved(true);
      if (creating) router.push(`/dashboard/inventory/${result.data.id}`);
      else router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmitForm(submit)} className="card grid gap-3 p-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <FormError message={message} />
        {saved ? (
          <p role="status" className="rounded-lg bg-green-50 px-3 py-2 text-sm text-ok">
            Cambios guardados.
          </p>
        ) : null}
      </div>
      <datalist id="categories">
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {fields.map((f) => {
        const error = errors[f.name];
        const common = {
          id: `product-${f.name}`,
          name: f.name,
          defaultValue: String(initial[f.name] ?? ""),
          disabled,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `product-${f.name}-error` : undefined,
          className: `input ${error ? "border-danger" : ""}`,
        };
        return (
          <div key={f.name} className={f.wide ? "sm:col-span-2" : undefined}>
            <label className="label" htmlFor={common.id}>
              {f.label}
            </label>
            {f.area ? (
              <textarea rows={3} {...common} />
            ) : (
              <input
                type={f.type ?? "text"}
                list={f.name === "category" ? "categories" : undefined}
                inputMode={f.type === "number" ? "numeric" : undefined}
                {...common}
              />
            )}
            <FieldError id={`product-${f.name}-error`} message={error} />
          </div>
        );
      })}
      {disabled ? null : (
        <div className="sm:col-span-2">
          <button className="btn-primary" type="submit" disabled={pending}>
            {pending ? "Guardando…" : creating ? "Crear producto" : "Guardar cambios"}
          </button>
        </div>
      )}
    </form>
  );
}
