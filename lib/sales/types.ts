// Types of the pure sale state machine (see README.md for state semantics).

export type SaleState =
  | "iniciada"
  | "pendiente"
  | "recolectando_datos"
  | "listo_para_finalizar"
  | "cerrada"
  | "cancelada";

/** unitPrice always comes from the catalog record, never from the customer's text. */
export type CartLine = { sku: string; name: string; quantity: number; unitPrice: number };

export type DocumentType = "CC" | "NIT" | "CE" | "PASAPORTE";

export type CustomerData = {
  name?: string;
  documentType?: DocumentType;
  documentNumber?: string;
  phone?: string;
  address?: string;
  city?: string;
  email?: string;
};

export type CustomerField = keyof CustomerData;

/**
 * What the sale waits for from the customer. A bare reply ("el segundo", "Juan Pérez", "sí") is read as the
 * answer to this question; `confirm_order` names the exact order summary the customer was shown.
 */
export type PendingQuestion =
  | {
      kind: "choose_product";
      options: string[];
      quantity: number | null;
      replaces?: string;
      /** The customer said "that's all" once with this choice still open, and was asked it again. */
      reminded?: boolean;
      /** Further products of the same message still to choose, asked one at a time after this one. */
      queued?: QueuedChoice[];
    }
  | { kind: "stock_offer"; sku: string; quantity: number }
  | { kind: "customer_data"; fields: CustomerField[] }
  | { kind: "confirm_order"; digest: string };

export type QueuedChoice = { options: string[]; quantity: number | null };

export type SaleSnapshot = {
  state: SaleState;
  lines: CartLine[];
  customer: CustomerData;
  pending: PendingQuestion | null;
};

export type InvalidField = { field: CustomerField; reason: string };
export type StockConflict = { sku: string; available: number };

export type SaleEvent =
  | { type: "start" }
  /** `answersChoice`: the product given in reply to the agent's "which one?" (outside its options) closes it. */
  | { type: "add"; sku: string; quantity: number; answersChoice?: true }
  | { type: "set_quantity"; sku: string; quantity: number }
  | { type: "remove"; sku: string }
  /** Swap a line for a sibling product, keeping its quantity ("mejor el amarillo"). */
  | { type: "replace"; sku: string; by: string }
  /** `queue`: another product of the same request; it waits behind a choice already open instead of replacing it. */
  | { type: "choose"; options: string[]; quantity: number | null; replaces?: string; queue?: true }
  | { type: "product_not_found"; query: string }
  | { type: "customer_data"; data: CustomerData }
  | { type: "finish_cart" }
  /** `shown`: the digest of the summary the customer is answering; a close needs it to match the order now. */
  | { type: "confirm"; shown?: string }
  | { type: "refuse" }
  | { type: "cancel" }
  | { type: "close_confirmed"; orderId?: string }
  | { type: "close_failed"; conflicts: StockConflict[] };

export type SaleOutcome =
  | { type: "line_added"; sku: string; quantity: number; lineQuantity: number }
  | { type: "quantity_set"; sku: string; quantity: number }
  | { type: "line_removed"; sku: string }
  | { type: "line_replaced"; sku: string; by: string; quantity: number }
  | { type: "not_in_cart"; sku: string }
  /** The product still being chosen was taken back: the question is withdrawn. */
  | { type: "choice_dropped"; options: string[] }
  /** "That's all" with a product still to choose: the choice is asked once more before checkout. */
  | { type: "choice_open"; options: string[]; quantity: number | null }
  | { type: "stock_insufficient"; sku: string; requested: number; available: number }
  | { type: "ambiguous"; options: string[]; quantity: number | null }
  | { type: "quantity_missing"; sku: string }
  | { type: "product_not_found"; query: string }
  | { type: "customer_updated"; fields: CustomerField[] }
  | { type: "invalid_field"; field: CustomerField; reason: string }
  | { type: "missing_fields"; fields: CustomerField[] }
  | { type: "empty_cart" }
  | { type: "ready_to_close" }
  /** A confirmation arrived for a summary that no longer matches the order: it must be confirmed again. */
  | { type: "reconfirm" }
  | { type: "close_requested" }
  | { type: "postponed" }
  | { type: "offer_declined"; sku: string }
  | { type: "cancelled" }
  | { type: "closed"; orderId?: string }
  | { type: "already_closed" };

export type CatalogLookup = (
  sku: string,
) => { sku: string; name: string; price: number; stock: number; unit: string; active: boolean } | undefined;

export type SaleStep = { snapshot: SaleSnapshot; outcomes: SaleOutcome[] };
