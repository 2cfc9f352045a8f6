import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ORDER_STATE_LABELS } from "@/lib/console/order-query";
import { FULFILMENT_LABELS, fulfilmentStage } from "@/lib/domain/fulfilment";

const TONES: Record<string, BadgeTone> = { cerrada: "ok", cancelada: "danger", listo_para_finalizar: "brand" };
const FULFILMENT_TONES: Record<string, BadgeTone> = {
  por_pagar: "warn",
  pagada: "brand",
  despachada: "brand",
  entregada: "ok",
};

/** The sale state; for a sold order also its after-sale stage (por pagar, pagada, despachada, entregada). */
export function OrderStateBadge({ state, fulfilment }: { state: string; fulfilment?: string | null }) {
  const stage = fulfilment === undefined ? null : fulfilmentStage({ state, fulfilment });
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={TONES[state] ?? "warn"}>{ORDER_STATE_LABELS[state] ?? state}</Badge>
      {stage ? (
        <span data-testid="fulfilment-badge">
          <Badge tone={FULFILMENT_TONES[stage]}>{FULFILMENT_LABELS[stage]}</Badge>
        </span>
      ) : null}
    </span>
  );
}
