// AnswerFacts: everything an answer may state. Composer and hosted models only phrase these facts.

import type { CompanySection } from "@/lib/agent/retrieval/company";
import type { CatalogProduct, Intent } from "@/lib/agent/types";
import { cartTotal } from "@/lib/sales/machine";
import type {
  CartLine,
  CustomerData,
  CustomerField,
  PendingQuestion,
  SaleOutcome,
  SaleSnapshot,
  SaleState,
} from "@/lib/sales/types";
import { missingFields, REQUIRED_FIELDS } from "@/lib/sales/validation";

export type ProductFact = {
  sku: string;
  /** False when the shop never chose the SKU: answers name the product instead. */
  showSku: boolean;
  name: string;
  brand: string;
  category: string;
  price: number;
  stock: number;
  unit: string;
  standard: string | null;
  description: string;
};

export type CartLineFact = CartLine & { subtotal: number; unit: string; showSku: boolean };

export type SaleFacts = {
  state: SaleState;
  lines: CartLineFact[];
  total: number;
  customer: CustomerData;
  missingFields: Array<{ field: CustomerField; why: string }>;
  pending: PendingQuestion | null;
};

/** Request the DB layer fulfils for staff (never executed for customers). */
export type ClientLookupRequest = {
  scope: "info" | "history" | "stats";
  documentNumber?: string;
  /** The client's mobile, when staff ask by it ("el cliente con celular 3…"). */
  phone?: string;
  name?: string;
  /** True when the text says it is a company ("la empresa X"), so name means razón social. */
  isCompany?: boolean;
};

/** Filled by the DB layer after running a ClientLookupRequest. */
export type ClientLookupResult = {
  found: boolean;
  client?: {
    name: string;
    documentType?: string;
    documentNumber: string;
    phone?: string;
    email?: string;
    city?: string;
  };
  orders?: Array<{ id: string; date: string; total: number; itemCount: number }>;
  stats?: {
    orderCount: number;
    totalSpent: number;
    lastOrderDate?: string;
    topProducts?: Array<{ sku: string; name: string; quantity: number }>;
  };
};

export type AnswerKind =
  | "greeting"
  | "products"
  | "catalogue"
  | "no_results"
  | "handover"
  | "sale"
  | "company"
  | "client_lookup"
  | "client_refused"
  | "fallback";

export type AnswerFacts = {
  intent: Intent;
  kind: AnswerKind;
  greeting: boolean;
  thanks: boolean;
  later: boolean;
  query: string | null;
  products: ProductFact[];
  /** More products fit the question than are listed. */
  moreProducts: number;
  /** Families of the catalogue (categories, or kinds of product), for overviews and menus. */
  families: FamilyFact[];
  /** The variant or figure asked for does not exist; the nearest products are offered. */
  unavailable: { words: string; nearest: ProductFact[] } | null;
  /** The conversation is handed over to a person, and why (shown to the customer in plain words). */
  handover: { reason: HandoverReason } | null;
  /** The customer asked to see the cart. */
  showCart: boolean;
  sale: SaleFacts | null;
  outcomes: SaleOutcome[];
  /** Product data for SKUs that outcomes mention (stock, ambiguity options). */
  productRefs: Record<string, ProductFact>;
  company: { name: string; sections: CompanySection[]; summary: boolean; missing: string[] };
  clientLookup: ClientLookupRequest | null;
  clientLookupResult: ClientLookupResult | null;
};

export type FamilyFact = { name: string; count: number; examples: string[] };
export type HandoverReason = "asked" | "not_understood" | "bot_off";

export function productFact(p: CatalogProduct): ProductFact {
  return {
    sku: p.sku,
    showSku: !p.skuInternal,
    name: p.name,
    brand: p.brand,
    category: p.category,
    price: p.price,
    stock: p.stock,
    unit: p.unit,
    standard: p.standard,
    description: p.description,
  };
}

export function saleFacts(snapshot: SaleSnapshot, productOf: (sku: string) => CatalogProduct | undefined): SaleFacts {
  const missing = new Set(missingFields(snapshot.customer));
  return {
    state: snapshot.state,
    lines: snapshot.lines.map((l) => {
      const product = productOf(l.sku);
      return {
        ...l,
        subtotal: l.quantity * l.unitPrice,
        unit: product?.unit ?? "unidad",
        showSku: !(product?.skuInternal ?? false),
      };
    }),
    total: cartTotal(snapshot.lines),
    customer: snapshot.customer,
    missingFields: REQUIRED_FIELDS.filter((r) => missing.has(r.field)),
    pending: snapshot.pending,
  };
}

export function emptyFacts(intent: Intent, companyName: string): AnswerFacts {
  return {
    intent,
    kind: "fallback",
    greeting: false,
    thanks: false,
    later: false,
    query: null,
    products: [],
    moreProducts: 0,
    families: [],
    unavailable: null,
    handover: null,
    showCart: false,
    sale: null,
    outcomes: [],
    productRefs: {},
    company: { name: companyName, sections: [], summary: false, missing: [] },
    clientLookup: null,
    clientLookupResult: null,
  };
}
