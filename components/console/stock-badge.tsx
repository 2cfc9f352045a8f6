import { Badge } from "@/components/ui/badge";
import { stockLevel } from "@/lib/console/inventory-query";
import { formatNumber } from "@/lib/format";

export function StockBadge({ stock, threshold }: { stock: number; threshold?: number }) {
  const level = stockLevel(stock, threshold);
  if (level === "out") return <Badge tone="danger">Agotado</Badge>;
  if (level === "low") return <Badge tone="warn">Bajo · {formatNumber(stock)}</Badge>;
  return <span className="tabular-nums">{formatNumber(stock)}</span>;
}
