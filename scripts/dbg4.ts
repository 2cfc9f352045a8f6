import { readFileSync } from "node:fs";
import { createCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { resolvePhrase } from "@/lib/agent/retrieval/resolve";
const products = readFileSync("eval/catalogs/real/productos.csv","utf8").split("\n").slice(1).filter(Boolean).map((l,i)=>{const c=l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map(x=>x.replace(/,$/,"").replace(/^"|"$/g,"").replace(/""/g,'"')); return {id:String(i),sku:`SV-${c[0]}`,name:c[1]!,description:c[2]!,category:"",brand:"",price:Number(c[3]),stock:Number(c[4]),unit:"unidad",standard:null,synonyms:[],active:true,skuInternal:true};});
const catalog = createCatalogIndex(products);
for (const q of process.argv.slice(2)) { const r = resolvePhrase(q, catalog); console.log(q, "kind", r.kind, "res", r.resolved?.name, "amb", r.ambiguous, r.fitting.slice(0,6).map(p=>p.name), "unmet", JSON.stringify(r.unmet), "near", r.nearest.map(p=>p.name)); }
