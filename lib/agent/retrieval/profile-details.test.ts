import { describe, expect, it } from "vitest";
import { demoProducts, synthesize } from "@/bench/support/synthetic-catalog";
import { attributeTokens, nameAcronyms, readAttributes } from "@/lib/agent/analysis/attributes";
import { analyze } from "@/lib/agent/analysis/normalize";
import { replaceNumberWords } from "@/lib/agent/analysis/numbers";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";
import { hardwareProducts, loadProducts, loadRealProducts } from "@/lib/agent/test-support/fixtures";
import type { CatalogProduct } from "@/lib/agent/types";
import { createCatalogIndex } from "./catalog-index";
import { IndexStore } from "./index-store";
import { labelHas, rowHas } from "./profiles";

// The compact details (term and attribute numbers in one Int32Array per index, shared strings and frozen
// attributes) must say exactly what the plain per-product arrays and Sets said before: the reference below is
// that former code, verbatim. Compared over the three test catalogues and a sample of the synthetic 100 000-product
// catalogue, read both on first use (in a varying order of fields) and by the index's background pass.

function plainDetails(p: CatalogProduct) {
  const label = `${p.name} ${p.synonyms.join(" ")} ${p.brand} ${p.standard ?? ""}`;
  const labelTerms = [...new Set(analyze(label))];
  const row = `${p.name} ${p.description} ${p.standard ?? ""}`;
  const attributes = readAttributes(row, replaceNumberWords(attributeTokens(row)), "product").attributes;
  for (const code of nameAcronyms(p.name))
    if (!attributes.some((a) => a.kind === "code" && a.value === code)) attributes.push({ kind: "code", value: code });
  return {
    labelTerms,
    descriptionTerms: [...new Set(analyze(p.description))].filter((t) => !labelTerms.includes(t)),
    labelSounds: new Set(labelTerms.map(phoneticKey)),
    attributes,
  };
}

const synthetic = synthesize(demoProducts(), 100_000).filter((_, i) => i % 40 === 0);
const catalogues: Array<[string, CatalogProduct[]]> = [
  ["demo", loadProducts()],
  ["real", loadRealProducts()],
  ["hardware", hardwareProducts()],
  ["synthetic 100 k, every 40th", synthetic],
];

describe.each(catalogues)("compact profile details (%s catalogue)", (_name, products) => {
  const active = products.filter((p) => p.active);
  const sampled = active.filter((_, i) => active.length < 500 || i % 7 === 0);
  // words to ask about: the rows' terms (each sampled product's name's first one among them), sound-alike keys
  // ("kask" is the key of "casco"), words no product has
  const words = [
    ...new Set([
      ...sampled.map((p) => analyze(p.name)[0] ?? ""),
      ...active.flatMap((p) => analyze(`${p.name} ${p.description}`)).slice(0, 400),
    ]),
  ];
  const asked = [...words, "zafiroquetzal", "kask", ""];

  it("are the plain details, read on first use in any order", () => {
    const index = createCatalogIndex(products);
    active.forEach((p, i) => {
      const profile = index.profile(p);
      const expected = plainDetails(p);
      const read = () => ({
        labelTerms: profile.labelTerms,
        descriptionTerms: profile.descriptionTerms,
        labelSounds: [...profile.labelSounds],
        attributes: profile.attributes,
      });
      // attributes first for some, terms first for others: the two halves are stored apart
      if (i % 2 === 0) void profile.attributes;
      expect(profile.detailsRead).toBe(false);
      expect(read(), p.sku).toEqual({ ...expected, labelSounds: [...expected.labelSounds] });
      expect(profile.detailsRead).toBe(true);
      expect(read()).toEqual(read());
    });
  });

  it("answer labelHas and rowHas as the plain arrays and Sets did, after the background pass", () => {
    const index = createCatalogIndex(products);
    let steps = 0;
    while (index.readDetails(50)) steps++;
    expect(steps).toBeGreaterThanOrEqual(Math.floor(active.length / 50) - 1);
    let yes = 0;
    for (const p of sampled) {
      const profile = index.profile(p);
      expect(profile.detailsRead).toBe(true);
      const plain = plainDetails(p);
      for (const word of asked) {
        const sound = phoneticKey(word);
        const label = plain.labelTerms.includes(word) || plain.labelSounds.has(sound);
        const row = plain.labelTerms.includes(word) || plain.descriptionTerms.includes(word);
        expect([labelHas(profile, word, sound), rowHas(profile, word)], `${p.sku} ${word}`).toEqual([label, row]);
        if (label) yes++;
      }
    }
    expect(yes).toBeGreaterThanOrEqual(sampled.length);
  });
});

describe("compact profile details, shared", () => {
  it("keep one frozen object per distinct attribute of an index", () => {
    const index = createCatalogIndex(synthetic);
    const seen = new Map<string, unknown>();
    let shared = 0;
    for (const p of index.all())
      for (const a of index.profile(p).attributes) {
        expect(Object.isFrozen(a)).toBe(true);
        const key = JSON.stringify(a);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, a);
        else {
          expect(a).toBe(first);
          shared++;
        }
      }
    expect(shared).toBeGreaterThan(1_000);
  });
});

describe("compact profile details, re-worded products", () => {
  it("give back the room of products re-worded, and still say what each row says", () => {
    const store = new IndexStore();
    const sample = synthetic.filter((p) => p.active);
    const put = (round: number) =>
      sample.forEach((p, rank) => {
        const held = store.held.get(p.sku);
        if (held) store.remove(held);
        store.add(
          { ...p, name: round === 0 ? p.name : `${p.name} serie ${round}`, description: `${p.description} r${round}` },
          rank,
        );
      });
    put(0);
    while (store.readDetails(500));
    const once = store.details.size;
    for (let round = 1; round <= 4; round++) {
      put(round);
      while (store.readDetails(500));
    }
    expect(store.details.size).toBeLessThan(2 * once);
    for (const p of sample.filter((_, i) => i % 5 === 0)) {
      const held = store.held.get(p.sku) as CatalogProduct;
      const profile = store.profiles.get(p.sku);
      const plain = plainDetails(held);
      expect(held.name).toContain("serie 4");
      expect({
        labelTerms: profile?.labelTerms,
        descriptionTerms: profile?.descriptionTerms,
        labelSounds: [...(profile?.labelSounds ?? [])],
        attributes: profile?.attributes,
      }).toEqual({ ...plain, labelSounds: [...plain.labelSounds] });
    }
  });
});
