// After planTurn asks to close an order, the DB layer commits it and reports back here so the
// sale, outcomes and facts reflect what really happened (closed, or stock conflict).

import type { CatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { productFact, saleFacts } from "@/lib/agent/wording/facts";
import { suggestionsFor } from "@/lib/agent/wording/suggestions";
import { applySaleEvent } from "@/lib/sales/machine";
import type { StockConflict } from "@/lib/sales/types";
import type { TurnPlan } from "./plan";

export type CloseResult = { ok: true; orderId?: string } | { ok: false; conflicts: StockConflict[] };

export function applyCloseResult(plan: TurnPlan, result: CloseResult, catalog: CatalogIndex): TurnPlan {
  if (!plan.sale) return plan;
  const event = result.ok
    ? ({ type: "close_confirmed", orderId: result.orderId } as const)
    : ({ type: "close_failed", conflicts: result.conflicts } as const);
  const step = applySaleEvent(plan.sale, event, (sku) => catalog.bySku(sku));
  const outcomes = [...plan.outcomes.filter((o) => o.type !== "close_requested"), ...step.outcomes];
  const productRefs = { ...plan.facts.productRefs };
  if (!result.ok) {
    for (const c of result.conflicts) {
      const product = catalog.bySku(c.sku);
      if (product) productRefs[c.sku] = { ...productFact(product), stock: c.available };
    }
  }
  const facts = {
    ...plan.facts,
    outcomes,
    productRefs,
    sale: saleFacts(step.snapshot, (sku) => catalog.bySku(sku)),
  };
  return { ...plan, sale: step.snapshot, outcomes, effects: [], facts, suggestions: suggestionsFor(facts) };
}
