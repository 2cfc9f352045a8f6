import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, foldText } from "@/lib/agent/analysis/normalize";
import { hardwareProducts, loadProducts, loadRealProducts } from "@/lib/agent/test-support/fixtures";
import { misspell } from "@/lib/agent/test-support/index-snapshot";
import type { CatalogProduct } from "@/lib/agent/types";
import { expansionsOf } from "./expansions";
import { IndexStore, type Postings } from "./index-store";
import { createSearch, type SearchHit, type SearchOptions } from "./search";

// The search keeps its accumulators in reused typed arrays, keeps the scoring of recent queries and selects the
// top k by insertion. It must answer exactly as the plain computation below: a Map per query, every reached
// product sorted (stably: equal scores stay in the order the query reached them), the first `limit` taken.

const COLOUR_WORDS = "blanc amarill negr rojo roja roj naranj azul verde gri oscur clar transparente";
const ATTRIBUTE = new Set(COLOUR_WORDS.split(" "));

function referenceSearch(store: IndexStore, query: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 5;
  const allowed = options.skus ? new Set([...options.skus].map((s) => s.toUpperCase())) : null;
  const size = store.ordered.length;
  const idf = (term: string) => Math.log(1 + size / (store.postings.get(term)?.n ?? size));
  const reached = new Map<number, { score: number; matched: number; solid: boolean; named: boolean; word: boolean }>();
  const at = (doc: number) => {
    const entry = reached.get(doc) ?? { score: 0, matched: 0, solid: false, named: false, word: false };
    reached.set(doc, entry);
    return entry;
  };
  const terms = [...new Set(analyze(query))].slice(0, 24).map((t) => ({ term: t, alts: expansionsOf(store, t) }));
  const resolved = terms.filter((t) => t.alts.length > 0);
  const stray = terms.some((t) => t.alts.length === 0 && !/\d/.test(t.term));
  let idfTotal = 0;
  let anyNamed = false;
  for (const { term: word, alts } of resolved) {
    const small = /^\d{1,2}$/.test(word);
    const boost = /^(\d+(\.\d+)?[a-z]+|talla\w+)$/.test(word) ? 2 : 1;
    const termIdf = small ? 0 : idf((alts[0] as { term: string }).term) * boost;
    idfTotal += termIdf;
    const naming = !ATTRIBUTE.has(word) && !small;
    const best = new Map<number, number>();
    for (const { term, factor } of alts) {
      const postings = store.postings.get(term) as Postings;
      const weight = idf(term) * factor * (alts.length === 1 ? (small ? 0.3 : boost) : 1);
      for (let i = 0; i < postings.n; i++) {
        const doc = postings.docs[i] as number;
        const value = weight * (postings.weights[i] as number);
        if (alts.length === 1) best.set(doc, value);
        else if (value > (best.get(doc) ?? 0)) best.set(doc, value);
      }
    }
    for (const [doc, value] of best) {
      const entry = at(doc);
      entry.score += value;
      entry.matched += termIdf;
      entry.solid ||= !alts.every((a) => a.typo);
      entry.named ||= naming;
      entry.word ||= /^[a-z]/.test(word);
    }
    anyNamed ||= naming && best.size > 0;
  }
  const canonical = resolved.map((t) => (t.alts[0] as { term: string }).term);
  for (let i = 0; i + 1 < canonical.length; i++) {
    const bigram = `${canonical[i]}_${canonical[i + 1]}`;
    const postings = store.postings.get(bigram);
    const factor = /\d/.test(bigram) ? 0.5 * idf(bigram) : 0.5;
    for (let j = 0; postings && j < postings.n; j++)
      at(postings.docs[j] as number).score += factor * (postings.weights[j] as number);
  }
  for (const category of store.derive().categoryTerms) {
    const distinctive = category.terms.filter((t) => t !== "proteg");
    if (distinctive.length === 0 || !distinctive.every((t) => canonical.includes(t))) continue;
    const lift = 2 * distinctive.reduce((s, t) => s + idf(t), 0);
    for (const doc of store.categoryDocs.get(category.name) ?? []) at(doc).score += lift;
  }
  const exact = new Set<string>();
  for (const m of foldText(query).matchAll(/\b([a-z]{2,4})[\s_-]*(\d{3,4})\b/g)) {
    const sku = `${m[1]}-${m[2]}`.toUpperCase();
    if (store.skuMap.has(sku) && (!allowed || allowed.has(sku))) exact.add(sku);
  }
  const hits = [...reached]
    .map(([doc, e]) => {
      const product = store.slots[doc] as CatalogProduct;
      const coverage = idfTotal > 0 ? Math.min(1, e.matched / idfTotal) : 0;
      const score = e.score * coverage * coverage * (anyNamed && !e.named ? 0.1 : 1);
      const hit: SearchHit = { product, score, coverage };
      if (stray && !e.solid) hit.guess = true;
      if (!e.word) hit.numbersOnly = true;
      return hit;
    })
    .filter(
      (h) => (!options.category || h.product.category === options.category) && (!allowed || allowed.has(h.product.sku)),
    )
    .sort((a, b) => b.score - a.score)
    .slice(0, limit + exact.size);
  for (const sku of exact) {
    const existing = hits.find((h) => h.product.sku === sku);
    if (existing) existing.score += 1000;
    else hits.push({ product: store.skuMap.get(sku) as CatalogProduct, score: 1000, coverage: 1 });
  }
  return hits.sort((a, b) => b.score - a.score || a.product.sku.localeCompare(b.product.sku)).slice(0, limit);
}

/** Every test catalogue, each product also in colour/size variants and as exact twins (equal scores: ties). */
function generatedCatalogue(): CatalogProduct[] {
  const base = [...loadProducts(), ...loadRealProducts(), ...hardwareProducts()];
  const colours = ["blanco", "amarillo", "rojo", "azul", "negro"];
  return base.flatMap((p, i) => [
    p,
    ...colours.slice(0, 1 + (i % 4)).map((c, j) => ({
      ...p,
      id: `${p.id}-${j}`,
      sku: `${p.sku}-V${j}`,
      name: `${p.name} ${c}${j % 2 ? " talla 40" : ""} M${(i * 37 + j) % 500}`,
    })),
    ...[0, 1, 2].map((t) => ({ ...p, id: `${p.id}-T${t}`, sku: `${p.sku}-T${t}` })),
    // an SKU written in lower case (a search within SKUs compares them upper-cased)
    ...(i % 5 === 0 ? [{ ...p, id: `${p.id}-L`, sku: `${p.sku.toLowerCase()}-l` }] : []),
  ]);
}

const root = path.resolve(import.meta.dirname, "../../..");
const messages = ["demo", "real"].flatMap((c) =>
  readFileSync(path.join(root, `eval/sets/${c}/tuning-mensajes.jsonl`), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { mensaje: string }).mensaje),
);

function storeOf(products: readonly CatalogProduct[]): IndexStore {
  const store = new IndexStore();
  products.forEach((p, rank) => {
    if (p.active) store.add(p, rank);
  });
  return store;
}

const plain = (hits: SearchHit[]) => hits.map((h) => [h.product.sku, h.score, h.coverage, !!h.guess, !!h.numbersOnly]);

describe("search against a plain reference", () => {
  const products = generatedCatalogue();
  const store = storeOf(products);
  const search = createSearch(store);
  const heads = products
    .filter((_, i) => i % 17 === 0)
    .flatMap((p) => [p.name, ...misspell(p.name.split(" ")[0] ?? "")]);
  const queries = [...messages, ...heads, "CAB-001 casco", "man 002", "rojo", "M123", "talla 40", ""];
  const cart = [
    ...products.filter((_, i) => i % 41 === 3).map((p) => p.sku.toLowerCase()),
    ...products.filter((p) => p.sku.endsWith("-l")).map((p) => p.sku),
  ];
  const optionSets: SearchOptions[] = [
    { limit: 1 },
    {},
    { limit: 24 },
    { limit: 300 },
    { limit: 8, category: products[40]?.category as string },
    { limit: 3, skus: cart },
  ];

  it("answers every query with every option as the reference, whichever order they come in", () => {
    expect(products.length).toBeGreaterThan(1_000);
    let ties = 0;
    for (const [round, options] of [...optionSets, ...[...optionSets].reverse()].entries())
      for (const query of round % 2 ? queries : [...queries].reverse()) {
        const expected = referenceSearch(store, query, options);
        expect(plain(search(query, options)), `${query} ${JSON.stringify(options)}`).toEqual(plain(expected));
        const last = expected[expected.length - 1];
        if (
          last &&
          referenceSearch(store, query, { ...options, limit: 500 }).filter((h) => h.score === last.score).length > 1
        )
          ties++;
      }
    // the twins put equal scores at the cut of the top k: ties are decided as the reference decides them
    expect(ties).toBeGreaterThan(100);
  });

  it("answers as the reference when very common terms only add to products rarer terms reached", () => {
    // thresholds low enough that a ~1 200-product catalogue has common terms in most queries
    const stats = { pruned: 0, rescored: 0 };
    const pruning = createSearch(store, { commonShare: 0.01, commonMin: 0, stats });
    const hints = queries.flatMap((q) => [q, `${q} de seguridad`, `guantes ${q}`]);
    for (const [round, options] of [...optionSets, ...[...optionSets].reverse()].entries())
      for (const query of round % 2 ? hints : [...hints].reverse())
        expect(plain(pruning(query, options)), `${query} ${JSON.stringify(options)}`).toEqual(
          plain(referenceSearch(store, query, options)),
        );
    // both paths ran: selections answered from a pruned scoring, and selections that had to score in full
    expect(stats.pruned).toBeGreaterThan(200);
    expect(stats.rescored).toBeGreaterThan(20);
    expect(stats.rescored).toBeLessThan(stats.pruned);
  });

  it("does not answer from a kept scoring once the index changed", () => {
    const query = "casco blanco de seguridad";
    search(query, { limit: 5 });
    const first = search(query, { limit: 5 })[0]?.product as CatalogProduct;
    store.add({ ...first, id: "new", sku: "NEW-1", name: `${first.name} casco blanco casco` }, products.length);
    expect(plain(search(query, { limit: 5 }))).toEqual(plain(referenceSearch(store, query, { limit: 5 })));
    expect(search(query, { limit: 1 })[0]?.product.sku).toBe("NEW-1");
    store.remove(store.held.get("NEW-1") as CatalogProduct);
    expect(plain(search(query, { limit: 5 }))).toEqual(plain(referenceSearch(store, query, { limit: 5 })));
  });

  it("returns hits callers may change without changing the next answer", () => {
    const [hit] = search("guantes de vaqueta", { limit: 3 });
    if (!hit) throw new Error("no hit");
    hit.score = -1;
    expect(search("guantes de vaqueta", { limit: 3 })[0]?.score).toBeGreaterThan(0);
  });
});
