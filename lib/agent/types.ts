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
