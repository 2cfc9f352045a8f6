// AnswerFacts: everything an answer may state. Composer and hosted models only phrase these facts.

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
import type { CategorySummary } from "@/lib/agent/retrieval/catalog-index";
import type { CompanySection } from "@/lib/agent/retrieval/company";
import type { CatalogProduct, Intent } from "@/lib/agent/types";

export type ProductFact = {
  sku: string;
  name: string;
  brand: string;
  category: string;
  price: number;
  stock: number;
  unit: string;
  standard: string | null;
  description: string;
};

export type CartLineFact = CartLine & { subtotal: number; unit: string };

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
  | "categories"
  | "no_results"
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
  query: string | null;
  products: ProductFact[];
  categories: CategorySummary[];
  sale: SaleFacts | null;
  outcomes: SaleOutcome[];
  /** Product data for SKUs that outcomes mention (stock, ambiguity options). */
  productRefs: Record<string, ProductFact>;
  company: { name: string; sections: CompanySection[]; summary: boolean };
  clientLookup: ClientLookupRequest | null;
  clientLookupResult: ClientLookupResult | null;
};

export function productFact(p: CatalogProduct): ProductFact {
  return {
    sku: p.sku,
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

export function saleFacts(snapshot: SaleSnapshot, unitOf: (sku: string) => string): SaleFacts {
  const missing = new Set(missingFields(snapshot.customer));
  return {
    state: snapshot.state,
    lines: snapshot.lines.map((l) => ({ ...l, subtotal: l.quantity * l.unitPrice, unit: unitOf(l.sku) })),
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
    query: null,
    products: [],
    categories: [],
    sale: null,
    outcomes: [],
    productRefs: {},
    company: { name: companyName, sections: [], summary: false },
    clientLookup: null,
    clientLookupResult: null,
  };
}
