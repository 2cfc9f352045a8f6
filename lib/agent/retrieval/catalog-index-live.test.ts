import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hardwareProducts, loadProducts, loadRealProducts } from "@/lib/agent/test-support/fixtures";
import { indexSnapshot, misspell, soundAlike } from "@/lib/agent/test-support/index-snapshot";
import type { CatalogProduct } from "@/lib/agent/types";
import { createCatalogIndex } from "./catalog-index";

// An index that follows its catalogue batch by batch (products added, changed, deactivated, reactivated, added
// before others in catalogue order) must answer exactly as a fresh build over the same active products: same
// hits with the same scores, same kinds, categories, families and orders.

const root = path.resolve(import.meta.dirname, "../../..");
const messages = ["demo", "real"].flatMap((c) =>
  readFileSync(path.join(root, `eval/sets/${c}/tuning-mensajes.jsonl`), "utf8")
    .split("\n")
    .filter(Boolean)
    .slice(0, 40)
    .map((l) => (JSON.parse(l) as { mensaje: string }).mensaje),
);

/** The test catalogues, plus a misspelt twin of every third product (sound-alike and typo neighbours). */
function catalogue(): CatalogProduct[] {
  const base = [...loadProducts(), ...loadRealProducts(), ...hardwareProducts()];
  const twins = base
    .filter((_, i) => i % 3 === 0)
    .map((p, i) => {
      const [head = "", ...rest] = p.name.toLowerCase().split(" ");
      const twin = i % 2 === 0 ? soundAlike(head, 1) : (misspell(head)[0] ?? head);
      return { ...p, sku: `${p.sku}-T`, name: [twin, ...rest].join(" ") };
    });
  // catalogue order (ids) interleaves originals and twins
  return [...base, ...twins].map((p, i) => ({ ...p, id: String(1_000 + ((i * 7919) % 10_007)) }));
}

const rank = (p: CatalogProduct) => Number(p.id);

function queriesFor(products: readonly CatalogProduct[]): string[] {
  const fromProducts = products.flatMap((p) => {
    const head = p.name.split(" ")[0]?.toLowerCase() ?? "";
    const spelt = [soundAlike(head, 2), soundAlike(head, 3), `${soundAlike(head, 2)} ${p.category}`];
    return [p.name, p.synonyms[0] ?? p.category, `${p.category} ${p.brand}`, ...misspell(head), ...spelt];
  });
  return [...new Set([...fromProducts, ...messages])];
}

function batches<T>(list: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}

describe("a catalogue index following its catalogue", () => {
  const products = catalogue();
  const queries = queriesFor(products);
  const current = new Map(products.map((p) => [p.sku, p]));
  const live = createCatalogIndex([], { rank });
  const fresh = () =>
    createCatalogIndex([...current.values()].filter((p) => p.active).sort((a, b) => rank(a) - rank(b)));
  const apply = (changed: CatalogProduct[]) => {
    for (const batch of batches(changed, 23)) {
      for (const p of batch) current.set(p.sku, p);
      live.put(batch);
    }
  };
  const expectSameAsFresh = () => expect(indexSnapshot(live, queries)).toEqual(indexSnapshot(fresh(), queries));

  it("answers as a fresh build after products are added in batches, out of catalogue order", () => {
    current.clear();
    apply(products);
    expect(live.size()).toBe(products.length);
    expectSameAsFresh();
  });

  it("answers as a fresh build after names, synonyms and categories change", () => {
    const all = [...current.values()];
    const renamed = all
      .filter((_, i) => i % 7 === 0)
      .map((p, i) => {
        const donor = all[(i * 31 + 5) % all.length] as CatalogProduct;
        return { ...p, name: `${donor.name.split(" ")[0]} ${p.name}`, synonyms: [...p.synonyms, donor.name] };
      });
    const recategorised = all
      .filter((_, i) => i % 13 === 4)
      .map((p, i) => ({ ...p, category: (all[(i * 17) % all.length] as CatalogProduct).category }));
    apply([...renamed, ...recategorised]);
    expectSameAsFresh();
  });

  const activeInOrder = () => [...current.values()].filter((p) => p.active).sort((a, b) => rank(a) - rank(b));
  /** The first active product (in catalogue order) of each group. */
  const firstOf = (group: (p: CatalogProduct) => string[]) => {
    const firsts = new Map<string, CatalogProduct>();
    for (const p of activeInOrder()) for (const g of group(p)) if (!firsts.has(g)) firsts.set(g, p);
    return [...new Map([...firsts.values()].map((p) => [p.sku, { ...p, active: false }])).values()];
  };

  it("answers as a fresh build after deactivations", () => {
    apply(
      activeInOrder()
        .filter((_, i) => i % 11 === 0)
        .map((p) => ({ ...p, active: false })),
    );
    expectSameAsFresh();
  });

  it("answers as a fresh build after the first product of each category is deactivated", () => {
    apply(firstOf((p) => [p.category]).filter((_, i) => i % 2 === 0));
    expectSameAsFresh();
  });

  it("answers as a fresh build after the first product of each kind is deactivated", () => {
    apply(firstOf((p) => live.profile(p).kinds).filter((_, i) => i % 2 === 0));
    expectSameAsFresh();
  });

  it("answers as a fresh build after reactivations and products earlier in catalogue order", () => {
    const inactive = [...current.values()].filter((p) => !p.active);
    const back = inactive.filter((_, i) => i % 2 === 0).map((p) => ({ ...p, active: true }));
    const earlier = products
      .filter((_, i) => i % 9 === 1)
      .map((p, i) => ({ ...p, sku: `${p.sku}-E`, id: String(i + 1), synonyms: [misspell(p.name)[1] ?? p.name] }));
    apply([...back, ...earlier]);
    expectSameAsFresh();
  });

  it("keeps the same index object and forgets the words no product has any more", () => {
    const before = live;
    const lonely = { ...(products[0] as CatalogProduct), sku: "ZZ-1", id: "99999", name: "Zafiroquetzal" };
    apply([lonely]);
    expect(live.search("zafiroquetzal")[0]?.product.sku).toBe("ZZ-1");
    apply([{ ...lonely, active: false }]);
    expect(live.search("zafiroquetzal")).toEqual([]);
    expect(live.search("zafiroquetzel")).toEqual([]);
    expect(live).toBe(before);
    expectSameAsFresh();
  });
});
