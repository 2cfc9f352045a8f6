import { readFileSync } from "node:fs";
import { catalogProductsFromCsv } from "@/lib/agent/retrieval/catalog-csv";
import { createCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { parseCompanyMarkdown } from "@/lib/agent/retrieval/company";
import { planTurn } from "@/lib/agent/planning/plan";
import { composeAnswer } from "@/lib/agent/wording/compose";
import type { HistoryTurn } from "@/lib/agent/types";
import type { SaleSnapshot } from "@/lib/sales/types";
const real = process.env.REAL === "1";
const products = real ? readFileSync("eval/catalogs/real/productos.csv","utf8").split("\n").slice(1).filter(Boolean).map((l,i)=>{const c=l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map(x=>x.replace(/,$/,"").replace(/^"|"$/g,"").replace(/""/g,'"')); return {id:String(i),sku:`SV-${c[0]}`,name:c[1]!,description:c[2]!,category:"",brand:"",price:Number(c[3]),stock:Number(c[4]),unit:"unidad",standard:null,synonyms:[],active:true,skuInternal:true};}) : catalogProductsFromCsv(readFileSync("prisma/seed-data/productos.csv","utf8"));
const catalog = createCatalogIndex(products);
const company = parseCompanyMarkdown(readFileSync(real ? "eval/catalogs/real/empresa.md" : "prisma/seed-data/empresa.md","utf8"));
const history: HistoryTurn[] = []; let sale: SaleSnapshot | null = null;
for (const text of process.argv.slice(2)) {
  const plan = planTurn({ text, history: history.slice(-10), sale, catalog, company, isStaff: false });
  sale = plan.sale;
  const answer = composeAnswer(plan.facts);
  history.push({ role: "user", text, intent: plan.intent, understood: plan.understanding.understood }, { role: "assistant", text: answer, shownSkus: plan.products.map(p=>p.sku) });
  console.log(">", text, "|", plan.intent, plan.understanding.confidence, JSON.stringify(plan.understanding.events), "→", sale?.state, JSON.stringify(sale?.lines.map(l=>[l.sku,l.quantity])), JSON.stringify(sale?.pending));
  if (process.env.V) console.log("  ", answer.replace(/\n/g, "\n   "));
}
