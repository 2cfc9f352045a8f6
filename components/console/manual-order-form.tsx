"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createManualOrderAction } from "@/app/(console)/dashboard/orders/actions";
import { FieldError, FormError } from "@/components/ui/field-error";
import { onSubmitForm } from "@/components/ui/submit";

const CUSTOMER_FIELDS = [
  ["name", "Nombre o razón social"],
  ["documentNumber", "Número de documento"],
  ["phone", "Celular"],
  ["email", "Correo (opcional)"],
  ["address", "Dirección"],
  ["city", "Ciudad"],
] as const;

export function ManualOrderForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [lines, setLines] = useState([{ key: 0, sku: "", quantity: "1" }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  function submit(form: FormData) {
    const text = (k: string) => String(form.get(k) ?? "");
    const input = {
      customer: {
        name: text("name"),
        documentType: text("documentType") as "CC",
        documentNumber: text("documentNumber"),
        phone: text("phone"),
        email: text("email"),
        address: text("address"),
        city: text("city"),
      },
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      note: text("note"),
    };
    start(async () => {
      const result = await createManualOrderAction(input);
      if (!result.ok) {
        setErrors(result.error.fields ?? {});
        setMessage(result.error.message);
        return;
      }
      router.push(`/dashboard/orders/${result.data.id}`);
    });
  }

  return (
    <form onSubmit={onSubmitForm(submit)} className="flex flex-col gap-4" noValidate>
      <FormError message={message} />
      <FieldError id="order-error" message={errors._} />
      <section className="card grid gap-3 p-4 sm:grid-cols-2">
        <h2 className="font-semibold sm:col-span-2">Cliente</h2>
        <div>
          <label className="label" htmlFor="documentType">
            Tipo de documento
          </label>
          <select className="input" id="documentType" name="documentType" defaultValue="CC">
            <option value="CC">Cédula (CC)</option>
            <option value="NIT">NIT</option>
            <option value="CE">Cédula de extranjería</option>
            <option value="PASAPORTE">Pasaporte</option>
          </select>
        </div>
        {CUSTOMER_FIELDS.map(([name, label]) => {
          const error = errors[`customer.${name}`];
          return (
            <div key={name}>
              <label className="label" htmlFor={name}>
                {label}
              </label>
              <input className={`input ${error ? "border-danger" : ""}`} id={name} name={name} aria-invalid={!!error} />
              <FieldError id={`${name}-error`} message={error} />
            </div>
          );
        })}
      </section>
      <section className="card flex flex-col gap-2 p-4">
        <h2 className="font-semibold">Productos</h2>
        <FieldError id="lines-error" message={errors.lines} />
        {lines.map((line, i) => (
          <div key={line.key} className="grid grid-cols-[1fr_7rem_auto] items-start gap-2">
            <div>
              <input
                className="input font-mono"
                aria-label={`SKU línea ${i + 1}`}
                placeholder="SKU, p. ej. CAB-001"
                value={line.sku}
                onChange={(e) => setLines(lines.map((l) => (l.key === line.key ? { ...l, sku: e.target.value } : l)))}
              />
              <FieldError id={`line-${i}-sku`} message={errors[`lines.${i}.sku`]} />
            </div>
            <div>
              <input
                className="input"
                type="number"
                min={1}
                aria-label={`Cantidad línea ${i + 1}`}
                value={line.quantity}
                onChange={(e) =>
                  setLines(lines.map((l) => (l.key === line.key ? { ...l, quantity: e.target.value } : l)))
                }
              />
              <FieldError id={`line-${i}-qty`} message={errors[`lines.${i}.quantity`]} />
            </div>
            <button
              type="button"
              className="btn-secondary px-3"
              disabled={lines.length === 1}
              onClick={() => setLines(lines.filter((l) => l.key !== line.key))}
            >
              Quitar
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn-secondary self-start"
          onClick={() => setLines([...lines, { key: Date.now(), sku: "", quantity: "1" }])}
        >
          Agregar producto
        </button>
      </section>
      <section className="card p-4">
        <label className="label" htmlFor="note">
          Nota (opcional)
        </label>
        <input className="input" id="note" name="note" />
      </section>
      <div>
        <button className="btn-primary" type="submit" disabled={pending}>
          {pending ? "Cerrando venta…" : "Cerrar venta"}
        </button>
      </div>
    </form>
  );
}
