import { describe, expect, it } from "vitest";
import { boundedEditDistance, FuzzyVocabulary } from "./fuzzy";

// The textbook optimal-string-alignment distance, one fresh table per call: what the reused rows must equal.
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

function words(seed: number, n: number): string[] {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  return Array.from({ length: n }, () =>
    Array.from({ length: 1 + Math.floor(next() * 12) }, () => "abcdeo"[Math.floor(next() * 6)]).join(""),
  );
}

describe("boundedEditDistance", () => {
  it("equals the reference distance within the bound, and exceeds the bound beyond it, for every pair", () => {
    const list = [...words(7, 120), "a".repeat(70), `${"a".repeat(68)}ba`, "guantes", "guatnes", "casco"];
    for (const a of list) {
      for (const b of list) {
        const exact = reference(a, b);
        const bounded = boundedEditDistance(a, b, 2);
        if (exact <= 2) expect(bounded).toBe(exact);
        else expect(bounded).toBeGreaterThan(2);
      }
    }
  });

  it("is not affected by a longer comparison made before it", () => {
    expect(boundedEditDistance("b".repeat(90), "b".repeat(89), 2)).toBe(1);
    expect(boundedEditDistance("guantes", "guatnes", 2)).toBe(1);
    expect(boundedEditDistance("abc", "abd", 1)).toBe(1);
  });
});

describe("FuzzyVocabulary.lookup", () => {
  it("answers a repeated word as a fresh vocabulary does, whatever the caller did with the first answer", () => {
    const terms = ["guantes", "guante", "gafas", "casco", "cascos", "botas", "overol", "tapabocas"];
    const vocabulary = new FuzzyVocabulary(terms);
    const first = vocabulary.lookup("guantse", 2);
    const firstCopy = first.map((m) => ({ ...m }));
    first[0] = { term: "changed", distance: 0 };
    first.push({ term: "extra", distance: 0 });
    expect(vocabulary.lookup("guantse", 2)).toEqual(firstCopy);
    expect(vocabulary.lookup("guantse", 2)).toEqual(new FuzzyVocabulary(terms).lookup("guantse", 2));
    expect(firstCopy.map((m) => m.term)).toEqual(["guante", "guantes"]);
    // another limit is another answer
    expect(vocabulary.lookup("guantse", 1)).toEqual([{ term: "guante", distance: 1 }]);
  });
});
