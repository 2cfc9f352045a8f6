// In-memory conversation runner for the evaluation: real planTurn + composeAnswer, with order
// closes simulated by decrementing an in-memory stock table (no database).

import { catalogProductsFromCsv } from "@/lib/agent/catalog-csv";
import { createCatalogIndex } from "@/lib/agent/catalog-index";
import { applyCloseResult } from "@/lib/agent/close";
import { parseCompanyMarkdown } from "@/lib/agent/company";
import { composeAnswer } from "@/lib/agent/compose";
import { planTurn } from "@/lib/agent/turn";
import type { HistoryTurn } from "@/lib/agent/types";
import type { SaleSnapshot } from "@/lib/sales/types";
import type { EvalConversation, EvalRunner } from "./eval-core";

export function createInMemoryRunner(catalogCsv: string, companyMarkdown: string): EvalRunner {
  const products = catalogProductsFromCsv(catalogCsv);
  // Product objects are shared with the index, so decrementing here is what the next turn sees.
  const catalog = createCatalogIndex(products);
  const company = parseCompanyMarkdown(companyMarkdown);
  let orderNumber = 0;

  const newConversation = (): EvalConversation => {
    const history: HistoryTurn[] = [];
    let sale: SaleSnapshot | null = null;
    return {
      async send(text) {
        let plan = planTurn({ text, history: history.slice(-10), sale, catalog, company, isStaff: false });
        if (plan.effects.some((e) => e.type === "close_order") && plan.sale) {
          const conflicts = plan.sale.lines
            .map((l) => ({ sku: l.sku, available: catalog.bySku(l.sku)?.stock ?? 0, wanted: l.quantity }))
            .filter((c) => c.wanted > c.available)
            .map(({ sku, available }) => ({ sku, available }));
          if (conflicts.length === 0) {
            for (const line of plan.sale.lines) {
              const product = catalog.bySku(line.sku);
              if (product) product.stock -= line.quantity;
            }
          }
          plan = applyCloseResult(
            plan,
            conflicts.length === 0 ? { ok: true, orderId: `P-${++orderNumber}` } : { ok: false, conflicts },
            catalog,
          );
        }
        sale = plan.sale;
        const answer = composeAnswer(plan.facts);
        const shownSkus = plan.products.map((p) => p.sku);
        history.push({ role: "user", text, intent: plan.intent }, { role: "assistant", text: answer, shownSkus });
        return { intent: plan.intent, shownSkus, sale: plan.sale, answer };
      },
    };
  };
  return { newConversation, stockOf: (sku) => catalog.bySku(sku)?.stock };
}
