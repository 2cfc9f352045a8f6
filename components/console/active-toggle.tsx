"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setProductActiveAction } from "@/app/(console)/dashboard/inventory/actions";
import { ConfirmButton } from "@/components/ui/confirm-dialog";

/** Deactivating asks first (customers stop seeing the product); reactivating acts at once. */
export function ProductActiveToggle({ id, active }: { id: number; active: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  if (active) {
    return (
      <ConfirmButton
        label="Desactivar producto"
        className="btn-danger"
        title="¿Desactivar este producto?"
        description="El asesor virtual deja de ofrecerlo y no se puede vender hasta reactivarlo."
        confirmLabel="Sí, desactivar"
        action={async () => {
          const result = await setProductActiveAction({ id, active: false });
          if (!result.ok) return result.error.message;
          router.refresh();
          return null;
        }}
      />
    );
  }
  return (
    <div>
      <button
        type="button"
        className="btn-secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await setProductActiveAction({ id, active: true });
            if (!result.ok) setError(result.error.message);
            else router.refresh();
          })
        }
      >
        Reactivar producto
      </button>
      {error ? <p className="mt-1 text-xs text-danger">{error}</p> : null}
    </div>
  );
}
