// Spanish wording helpers for the agent's answers; money and numbers come from lib/format.
import { formatNumber } from "@/lib/format";

export { formatCop } from "@/lib/format";

const UNIT_PLURALS: Record<string, [string, string]> = {
  unidad: ["unidad", "unidades"],
  par: ["par", "pares"],
  caja: ["caja", "cajas"],
  rollo: ["rollo", "rollos"],
  paquete: ["paquete", "paquetes"],
  servicio: ["servicio", "servicios"],
};

/** `4, "unidad"` → `4 unidades`; unknown units fall back to "unidades". */
export function formatQuantity(quantity: number, unit: string): string {
  const forms = UNIT_PLURALS[unit] ?? ["unidad", "unidades"];
  return `${formatNumber(quantity)} ${quantity === 1 ? forms[0] : forms[1]}`;
}

/** The plural of a unit ("caja" → "cajas"); unknown units read as "unidades". */
export function unitPlural(unit: string): string {
  return (UNIT_PLURALS[unit] ?? ["unidad", "unidades"])[1];
}

/** Joins with commas and a final "y": ["a","b","c"] → "a, b y c". */
export function joinSpanish(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} y ${items[items.length - 1]}`;
}
