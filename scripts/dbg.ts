import { loadCatalog } from "@/lib/agent/test-support/fixtures";
import { understandOffline } from "@/lib/agent/understanding/offline";
import { resolvePhrase } from "@/lib/agent/retrieval/resolve";
const catalog = loadCatalog();
for (const text of process.argv.slice(2)) {
  const { understanding } = understandOffline(text, { history: [], sale: null, catalog, isStaff: false });
  console.log(text, "→", understanding.intent, understanding.search, JSON.stringify(understanding.events), JSON.stringify(understanding.references.map(r=>[r.words,r.resolution,r.sku,r.candidates.slice(0,3)])));
  if (understanding.search) { const r = resolvePhrase(understanding.search, catalog); console.log("  kind", r.kind, r.fitting.map(p=>p.sku), r.hits.slice(0,4).map(h=>[h.product.sku,h.score.toFixed(1),h.coverage.toFixed(2)])); }
}
