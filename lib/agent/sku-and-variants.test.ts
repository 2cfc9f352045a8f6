import { describe, expect, it } from "vitest";
import { extractCart } from "@/lib/agent/understanding/cart-mentions";
import { analyze } from "@/lib/agent/analysis/normalize";
import { plainestVariant } from "@/lib/agent/retrieval/plain-variant";
import { resolvePhrase } from "@/lib/agent/retrieval/resolve";
import { glueSkuMentions } from "@/lib/agent/analysis/sku-mentions";
import { loadCatalog } from "@/lib/agent/test-support/fixtures";
import type { CatalogProduct } from "./types";

const catalog = loadCatalog();
const exists = (sku: string) => catalog.bySku(sku) !== undefined;

describe("glueSkuMentions", () => {
  it.each([
    ["Quiero 1 CAB-001", "Quiero 1 cab001"],
    ["precio del INC-003?", "precio del inc003?"],
    ["quiero 3 del cab 001", "quiero 3 del cab001"],
    ["Cab_001 y vis-002", "cab001 y vis002"],
    ["cab001", "cab001"],
  ])("%s → %s", (text, expected) => expect(glueSkuMentions(text, exists)).toBe(expected));

  it.each(["quiero mas 100 cascos", "XYZ-999 no existe", "calle 100 # 11-60"])(
    "leaves %s alone (no such SKU)",
    (text) => expect(glueSkuMentions(text, exists)).toBe(text),
  );
});

describe("extractCart with SKUs and filler nouns", () => {
  const lines = (text: string) =>
    extractCart(text, catalog).mentions.map((m) => [m.resolved?.sku ?? null, m.quantity, m.ambiguous]);

  it.each<[string, Array<[string | null, number | null, boolean]>]>([
    ["Quiero 1 CAB-001", [["CAB-001", 1, false]]],
    ["mándeme 4 del cab 001", [["CAB-001", 4, false]]],
    [
      "quiero 2 INC-001 y 1 inc 006",
      [
        ["INC-001", 2, false],
        ["INC-006", 1, false],
      ],
    ],
    ["sepáreme 7 vis002", [["VIS-002", 7, false]]],
    // The article opened a filler noun ("un pedido"), so the real quantity comes later.
    ["quisiera montar un pedido de 30 chalecos naranja", [["ROP-001", 30, false]]],
    // Only "de" between: the article is the quantity and the number is an attribute.
    ["quiero uno de 4 argollas", [["ALT-001", 1, false]]],
    // A packaging unit after the article keeps it: one box, not 20.
    ["una caja de 20 tapabocas", [["RES-007", 1, false]]],
  ])("%s", (text, expected) => expect(lines(text)).toEqual(expected));
});

describe("plainest variant tie-break", () => {
  const resolve = (phrase: string) => {
    const r = resolvePhrase(phrase, catalog);
    return r.ambiguous ? "ambiguous" : (r.resolved?.sku ?? "none");
  };

  it.each([
    ["orejeras de copa", "AUD-003"],
    ["protectores de copa", "AUD-003"],
    ["orejeras de copa para casco", "AUD-004"],
    ["orejeras peltor", "AUD-004"],
  ])("%s resolves to %s", (phrase, sku) => expect(resolve(phrase)).toBe(sku));

  it.each(["cascos", "extintor", "tapones", "gafas", "guantes", "respirador n95", "botas"])(
    "%s stays a question (each variant adds its own attribute)",
    (phrase) => expect(resolve(phrase)).toBe("ambiguous"),
  );

  const product = (sku: string) => catalog.bySku(sku) as CatalogProduct;
  it("ignores measured ratings but not counts", () => {
    const terms = new Set(analyze("orejeras copa"));
    expect(plainestVariant(terms, [product("AUD-004"), product("AUD-003")])?.sku).toBe("AUD-003");
    expect(plainestVariant(new Set(analyze("arnes")), [product("ALT-001"), product("ALT-002")])).toBeNull();
    expect(plainestVariant(terms, [product("AUD-003")])).toBeNull();
  });
});

describe("search marks spelling-guess-only hits", () => {
  it("a fuzzy match beside unknown words is a guess", () => {
    const hits = catalog.search("lucha fenomenal", { limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.guess === true)).toBe(true);
  });
  it.each(["guates de nitrilo", "kascos amarillos", "estintor abc"])("%s is real evidence", (q) => {
    const [top] = catalog.search(q, { limit: 1 });
    expect(top?.guess).toBeUndefined();
  });
});
