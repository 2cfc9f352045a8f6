import { z } from "zod";
import { BOUND_MESSAGES, MAX_PRICE, MAX_STOCK } from "@/lib/domain/bounds";
import { idSchema } from "@/lib/http/ids";

// What staff may set on a product. Stock is not here: it changes only through adjustments (with a reason)
// so every unit is accounted for in StockMovement; a new product may start with an initial stock.
// Form inputs arrive as strings: an empty box is "missing", not zero.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const integer = <T extends z.ZodType>(inner: T) => z.preprocess(blankToUndefined, inner);

const text = (max: number, label: string) => z.string().trim().max(max, `${label}: máximo ${max} caracteres.`);

export const productFieldsSchema = z.strictObject({
  sku: z
    .string()
    .trim()
    .min(1, "El SKU es obligatorio.")
    .max(40, "El SKU admite máximo 40 caracteres.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "El SKU solo admite letras, números, punto, guion y barra."),
  name: z.string().trim().min(2, "El nombre es obligatorio (mínimo 2 caracteres).").max(200, "Nombre demasiado largo."),
  category: z.string().trim().min(1, "La categoría es obligatoria.").max(100, "Categoría demasiado larga."),
  brand: text(100, "Marca").default(""),
  price: integer(
    z.coerce
      .number({ error: "El precio es obligatorio y debe ser un número." })
      .int("El precio debe ser un entero en pesos.")
      .min(1, "El precio debe ser mayor que $ 0: con precio 0 el asesor virtual cotizaría gratis.")
      .max(MAX_PRICE, BOUND_MESSAGES.price),
  ),
  unit: z.string().trim().min(1, "La unidad es obligatoria.").max(30, "Unidad demasiado larga.").default("unidad"),
  standard: text(100, "Norma").default(""),
  description: text(2000, "Descripción").default(""),
  synonyms: text(1000, "Sinónimos").default(""),
  // empty: the default threshold (LOW_STOCK_THRESHOLD)
  lowStockThreshold: integer(
    z.coerce
      .number({ error: "El umbral de bajo stock debe ser un número." })
      .int("El umbral de bajo stock debe ser un entero.")
      .min(0, "El umbral de bajo stock no puede ser negativo.")
      .max(MAX_STOCK, BOUND_MESSAGES.stock)
      .nullish(),
  ),
});

export const newProductSchema = productFieldsSchema.extend({
  stock: integer(
    z.coerce
      .number({ error: "El stock debe ser un número." })
      .int("El stock debe ser un entero.")
      .min(0, "El stock no puede ser negativo.")
      .max(MAX_STOCK, BOUND_MESSAGES.stock),
  ).default(0),
});

export type ProductFields = z.output<typeof productFieldsSchema>;
export type NewProduct = z.output<typeof newProductSchema>;

export const stockAdjustmentSchema = z.strictObject({
  productId: idSchema,
  delta: integer(
    z.coerce
      .number({ error: "La cantidad es obligatoria y debe ser un número." })
      .int("La cantidad debe ser un entero.")
      .refine((n) => n !== 0, "La cantidad no puede ser cero.")
      .refine((n) => Math.abs(n) <= MAX_STOCK, BOUND_MESSAGES.adjustment),
  ),
  reason: z
    .string()
    .trim()
    .min(3, "Indica el motivo del ajuste (mínimo 3 caracteres).")
    .max(300, "Motivo demasiado largo."),
});

/** Synonyms are typed with commas or semicolons; stored `;`-separated like the catalogue file. */
export function normaliseSynonyms(value: string): string {
  return value
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join(";");
}

/**
 * The inventory table's inline adjustment: either a delta (+ in, − out) or the counted quantity, always with a
 * reason. Both end in the same audited StockMovement (lib/db/stock.ts).
 */
export const inlineStockSchema = z.discriminatedUnion("mode", [
  stockAdjustmentSchema.extend({ mode: z.literal("delta") }),
  z.strictObject({
    mode: z.literal("set"),
    productId: idSchema,
    quantity: integer(
      z.coerce
        .number({ error: "La cantidad es obligatoria y debe ser un número." })
        .int("La cantidad debe ser un entero.")
        .min(0, "La cantidad no puede ser negativa.")
        .max(MAX_STOCK, BOUND_MESSAGES.stock),
    ),
    reason: stockAdjustmentSchema.shape.reason,
  }),
]);
