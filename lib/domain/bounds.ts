import { z } from "zod";

// The bounds of every number and date that comes from outside, in one place, for the console forms, the
// legacy API and the CSV import alike. Integer columns are 32-bit and a number beyond these is a typo or an
// attack, never a real stock or price (stock 2,147,483,648 would otherwise reach customers). No server-only
// imports: client forms share these schemas.
export const MAX_STOCK = 1_000_000;
export const MAX_PRICE = 1_000_000_000;
export const MAX_LINE_QUANTITY = 100_000;
export const MAX_ORDER_TOTAL = 2_000_000_000;

const pesos = (n: number) => `$ ${n.toLocaleString("es-CO")}`;

export const BOUND_MESSAGES = {
  stock: `El stock debe estar entre 0 y ${MAX_STOCK.toLocaleString("es-CO")} unidades.`,
  price: `El precio debe estar entre $ 0 y ${pesos(MAX_PRICE)}.`,
  quantity: `La cantidad debe estar entre 1 y ${MAX_LINE_QUANTITY.toLocaleString("es-CO")}.`,
  adjustment: `El ajuste no puede superar ${MAX_STOCK.toLocaleString("es-CO")} unidades.`,
  total: `El total no puede superar ${pesos(MAX_ORDER_TOTAL)}.`,
} as const;

/** An integer in [min, max] with one Spanish message for every way it can be wrong. */
export function boundedInt(min: number, max: number, message: string) {
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

export const stockValue = () => boundedInt(0, MAX_STOCK, BOUND_MESSAGES.stock);
export const priceValue = () => boundedInt(0, MAX_PRICE, BOUND_MESSAGES.price);
/** A catalogue price: never 0 (the agent would quote "$ 0 por par"). */
export const PRODUCT_PRICE_MESSAGE = `El precio debe ser mayor que $ 0 y hasta ${pesos(MAX_PRICE)}.`;
export const productPriceValue = () => boundedInt(1, MAX_PRICE, PRODUCT_PRICE_MESSAGE);
export const lineQuantity = () => boundedInt(1, MAX_LINE_QUANTITY, BOUND_MESSAGES.quantity);

/** A calendar day `AAAA-MM-DD` that exists (no 2026-13-45, no 30 de febrero). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Usa el formato AAAA-MM-DD.")
  .refine((v) => {
    const date = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v;
  }, "Esa fecha no existe.");
