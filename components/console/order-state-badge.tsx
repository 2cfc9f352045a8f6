import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ORDER_STATE_LABELS } from "@/lib/console/order-query";

const TONES: Record<string, BadgeTone> = { cerrada: "ok", cancelada: "danger", listo_para_finalizar: "brand" };

export function OrderStateBadge({ state }: { state: string }) {
  return <Badge tone={TONES[state] ?? "warn"}>{ORDER_STATE_LABELS[state] ?? state}</Badge>;
}
