import { describe, expect, it } from "vitest";
import { analyze } from "@/lib/agent/analysis/normalize";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";
import { hardwareProducts, loadProducts, loadRealProducts } from "@/lib/agent/test-support/fixtures";
import { misspell, soundAlike } from "@/lib/agent/test-support/index-snapshot";
import { labelHas, profileProduct, rowHas } from "./profiles";

// Profiles are one class with lazy details (attributes, terms, the label's sound-alike keys) read on first use;
// `labelHas` asks the precomputed keys instead of computing a key per label term per question.

const products = [...loadProducts(), ...loadRealProducts(), ...hardwareProducts()];
const words = [
  ...new Set(
    products.flatMap((p) => analyze(`${p.name} ${p.synonyms.join(" ")}`)).flatMap((t) => [t, soundAlike(t, 2)]),
  ),
  ...products.flatMap((p) => misspell(p.name.split(" ")[0]?.toLowerCase() ?? "")),
];

describe("product profiles", () => {
  it("answer labelHas as 'some label term is the word or sounds like it'", () => {
    let yes = 0;
    for (const p of products.filter((_, i) => i % 3 === 0)) {
      const profile = profileProduct(p);
      for (const word of words) {
        const sound = phoneticKey(word);
        const expected = profile.labelTerms.some((t) => t === word || phoneticKey(t) === sound);
        expect(labelHas(profile, word, sound), `${p.sku} ${word}`).toBe(expected);
        if (expected) yes++;
      }
    }
    expect(yes).toBeGreaterThan(500);
  });

  it("read their details once, the same whichever is read first", () => {
    for (const p of products) {
      const a = profileProduct(p);
      const b = profileProduct(p);
      const first = a.attributes;
      expect(a.attributes).toEqual(first);
      for (const [i, attribute] of first.entries()) expect(a.attributes[i]).toBe(attribute);
      expect([b.labelSounds, b.descriptionTerms, b.labelTerms, b.attributes]).toEqual([
        a.labelSounds,
        a.descriptionTerms,
        a.labelTerms,
        a.attributes,
      ]);
      expect([...a.labelSounds]).toEqual([...new Set(a.labelTerms.map((t) => phoneticKey(t)))]);
      expect(rowHas(a, a.labelTerms[0] ?? "")).toBe(a.labelTerms.length > 0);
      expect([a.kind, a.kinds, a.kindWord]).toEqual([b.kind, b.kinds, b.kindWord]);
    }
  });
});
