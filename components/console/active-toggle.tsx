"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setProductActiveAction } from "@/app/(console)/dashboard/inventory/actions";

export function ProductActiveToggle({ id, active }: { id: number; active: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className={active ? "btn-danger" : "btn-secondary"}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await setProductActiveAction({ id, active: !active });
            if (!result.ok) setError(result.error.message);
            else router.refresh();
          })
        }
      >
        {active ? "Desactivar producto" : "Reactivar producto"}
      </button>
      {error ? <p className="mt-1 text-xs text-danger">{error}</p> : null}
    </div>
  );
}
