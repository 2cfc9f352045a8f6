// How many items a pack holds, read from the product's own row: "(caja x20)", "caja de 100 guantes",
// "paquete por 25". Only for products sold by a pack; a unit or a pair holds itself.

const PACK =
  /\b(?:caja|cajas|paquete|paquetes|bolsa|bolsas|rollo|rollos|pack|display|blister)\s*(?:x|de|por|con)\s*(\d{2,5})\b/i;
const SELF_COUNTED = new Set(["unidad", "par", "servicio"]);

export function packSize(product: { unit: string; name: string; description: string }): number | null {
  if (SELF_COUNTED.has(product.unit)) return null;
  const match = PACK.exec(product.name) ?? PACK.exec(product.description);
  const size = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(size) && size > 1 ? size : null;
}
