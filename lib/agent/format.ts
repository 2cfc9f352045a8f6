// es-CO formatting shared by every user-facing text.

/** `38500` → `$ 38.500` (integer pesos, dot thousands separator). */
export function formatCop(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? "-" : "";
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}$ ${digits}`;
}

/** `1500` → `1.500` */
export function formatInt(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

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
  return `${formatInt(quantity)} ${quantity === 1 ? forms[0] : forms[1]}`;
}

/** Joins with commas and a final "y": ["a","b","c"] → "a, b y c". */
export function joinSpanish(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} y ${items[items.length - 1]}`;
}
