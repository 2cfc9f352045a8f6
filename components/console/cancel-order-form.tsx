"use client";

import { useRouter } from "next/navigation";
import { cancelOrderAction } from "@/app/(console)/dashboard/orders/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

/** Cancelling asks first, with the reason inside the dialog. */
export function CancelOrderForm({
  orderId,
  number,
  restoresStock,
}: {
  orderId: number;
  number: string;
  restoresStock: boolean;
}) {
  const router = useRouter();
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-ink-500">
        {restoresStock ? "Las unidades vuelven al inventario." : "El carrito no había descontado inventario."}
      </p>
      <ConfirmButton
        label="Cancelar pedido"
        className="btn-danger"
        title={`¿Cancelar el pedido ${number}?`}
        description={
          restoresStock ? "Las unidades vuelven al inventario. No se puede deshacer." : "No se puede deshacer."
        }
        confirmLabel="Sí, cancelar pedido"
        action={async (form) => {
          const result = await cancelOrderAction({ id: orderId, reason: String(form.get("reason") ?? "") });
          if (!result.ok) return result.error.fields?.reason ?? result.error.message;
          router.refresh();
          return null;
        }}
      >
        <label className="label" htmlFor="cancel-reason">
          Motivo de la cancelación
        </label>
        <input className="input" id="cancel-reason" name="reason" required minLength={3} maxLength={300} />
      </ConfirmButton>
    </div>
  );
}
