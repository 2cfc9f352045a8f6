// Shared types of the agent's pure, DB-free core.

/** A catalog record as the agent sees it. `price` is integer COP with IVA included. */
export type CatalogProduct = {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  brand: string;
  price: number;
  stock: number;
  unit: string;
  standard: string | null;
  synonyms: string[];
  active: boolean;
  /** The shop never chose this SKU (generated on import): customers are shown the name, never the code. */
  skuInternal?: boolean;
};

export type Intent = "inventario" | "venta" | "cliente" | "contexto";

export const INTENTS: readonly Intent[] = ["inventario", "venta", "cliente", "contexto"];

export type ChatRole = "user" | "assistant";

export type HistoryTurn = {
  role: ChatRole;
  text: string;
  intent?: Intent;
  /** SKUs an assistant turn showed, in order; preferred over re-reading SKUs from `text`. */
  shownSkus?: string[];
  /** For a customer turn: whether the agent understood it (two misses in a row hand over to a person). */
  understood?: boolean;
};

export type Tone =
  | "formal"
  | "informal"
  | "amigable"
  | "profesional"
  | "cercano"
  | "vendedor"
  | "orientado a solucionar";

export const TONES: readonly Tone[] = [
  "formal",
  "informal",
  "amigable",
  "profesional",
  "cercano",
  "vendedor",
  "orientado a solucionar",
];

/**
 * An attribute read from text, a product's or a customer's: a measured figure ("10 libras"), a labelled value
 * ("talla 42", "clase 0", "DIN 9-13"), a size word, a colour, or a code ("N95", "8210", "PQS").
 */
export type Attribute =
  | { kind: "measure"; value: number; unit: string; dimension: string }
  | { kind: "label"; label: string; value: string }
  | { kind: "size"; value: string }
  | { kind: "colour"; value: string }
  | { kind: "code"; value: string };
