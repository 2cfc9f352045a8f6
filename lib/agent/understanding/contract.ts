// The understanding contract: for every customer message, one typed value says what the customer means.
// Producers (the offline analyser here, a hosted model with tools) propose it; planning checks it and applies
// its sale events through the pure sale machine, which stays the only way a cart changes.

import { z } from "zod";
import { customerDataSchema, saleEventSchema } from "@/lib/sales/schema";
import type { Attribute, Intent } from "../types";

export const attributeSchema = z.discriminatedUnion("kind", [
  /** A measured figure: capacity, length, rating ("10 libras", "2.5 gal", "120 dB"). */
  z.object({ kind: z.literal("measure"), value: z.number(), unit: z.string(), dimension: z.string() }),
  /** A labelled value: "talla 42", "clase 0", "DIN 9-13", "NRR 32", "tipo I". */
  z.object({ kind: z.literal("label"), label: z.string(), value: z.string() }),
  /** A garment size word: "talla L", "M". */
  z.object({ kind: z.literal("size"), value: z.string() }),
  z.object({ kind: z.literal("colour"), value: z.string() }),
  /** A code or rating written as one token: "N95", "P100", "8210", "ABEK". */
  z.object({ kind: z.literal("code"), value: z.string() }),
]) satisfies z.ZodType<Attribute>;

export const candidateSchema = z.object({ sku: z.string(), score: z.number() });

export const productReferenceSchema = z.object({
  /** The customer's own words for the product (without quantity words). */
  words: z.string(),
  attributes: z.array(attributeSchema),
  quantity: z.number().int().positive().nullable(),
  /** Packaging the quantity was counted in ("par", "caja"), when said. */
  packaging: z.string().nullable(),
  candidates: z.array(candidateSchema),
  /** `resolved`: exactly one product fits; `ambiguous`: several fit equally; `not_found`: none fits. */
  resolution: z.enum(["resolved", "ambiguous", "not_found"]),
  sku: z.string().nullable(),
  /** When the named variant does not exist: the closest products of the same kind. */
  nearest: z.array(z.string()),
});
export type ProductReference = z.infer<typeof productReferenceSchema>;

export const pendingAnswerSchema = z.enum(["choose_product", "stock_offer", "customer_data", "confirm_order"]);

export const clientLookupSchema = z.object({
  scope: z.enum(["info", "history", "stats"]),
  documentNumber: z.string().optional(),
  phone: z.string().optional(),
  name: z.string().optional(),
  isCompany: z.boolean().optional(),
});

export const understandingSchema = z.object({
  producer: z.enum(["offline", "hosted"]),
  intent: z.enum(["inventario", "venta", "cliente", "contexto"]) satisfies z.ZodType<Intent>,
  /** 0..1: how sure the producer is; low values are stored on the message for staff review. */
  confidence: z.number().min(0).max(1),
  /** False when nothing in the message was understood (the answer falls back to a menu). */
  understood: z.boolean(),
  references: z.array(productReferenceSchema),
  events: z.array(saleEventSchema),
  /** Which of the agent's own pending questions this message answers, if any. */
  answers: pendingAnswerSchema.nullable(),
  customer: customerDataSchema,
  requests: z.object({
    greeting: z.boolean(),
    thanks: z.boolean(),
    /** A no or a "lo voy a pensar" with nothing open: acknowledged, not misunderstood. */
    later: z.boolean().default(false),
    handover: z.boolean(),
    showCart: z.boolean(),
    catalogue: z.boolean(),
    /** The customer asks for help in general: the menu of what the agent does is the answer. */
    help: z.boolean(),
    /** "el más barato", "el más caro": products listed by price. */
    sort: z.enum(["price_asc", "price_desc"]).nullable(),
    quote: z.boolean(),
    companyTopics: z.array(z.string()),
    clientLookup: clientLookupSchema.nullable(),
  }),
  /** What to look up in the catalogue for an inventory answer. */
  search: z.string().nullable(),
});
export type Understanding = z.infer<typeof understandingSchema>;
export type UnderstandingRequests = Understanding["requests"];

export function noRequests(): UnderstandingRequests {
  return {
    greeting: false,
    thanks: false,
    later: false,
    handover: false,
    showCart: false,
    catalogue: false,
    help: false,
    sort: null,
    quote: false,
    companyTopics: [],
    clientLookup: null,
  };
}
