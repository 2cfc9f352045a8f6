import { loadCatalog, loadCompany } from "@/lib/agent/test-support/fixtures";
import { planTurn } from "@/lib/agent/planning/plan";
import { composeAnswer } from "@/lib/agent/wording/compose";
import type { HistoryTurn } from "@/lib/agent/types";
import type { SaleSnapshot } from "@/lib/sales/types";
const catalog = loadCatalog(); const company = loadCompany();
const history: HistoryTurn[] = []; let sale: SaleSnapshot | null = null;
for (const text of process.argv.slice(2)) {
  const plan = planTurn({ text, history: history.slice(-10), sale, catalog, company, isStaff: false });
  sale = plan.sale;
  const answer = composeAnswer(plan.facts);
  history.push({ role: "user", text, intent: plan.intent, understood: plan.understanding.understood }, { role: "assistant", text: answer, shownSkus: plan.products.map(p=>p.sku) });
  console.log(">", text, "|", plan.intent, JSON.stringify(plan.understanding.events), "→", sale?.state, JSON.stringify(sale?.lines.map(l=>[l.sku,l.quantity])), JSON.stringify(sale?.pending));
  console.log("  ", answer.replace(/\n/g, "\n   "));
}
