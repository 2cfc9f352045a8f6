import { FuzzyVocabulary } from "@/lib/agent/analysis/fuzzy";
import { analyze } from "@/lib/agent/analysis/normalize";
import { phoneticKey } from "@/lib/agent/analysis/phonetic";
import type { CatalogProduct } from "@/lib/agent/types";
import { docTerms, insertByRank, type TermMemo } from "./index-terms";
import { type DetailsHolder, DetailTables } from "./profile-details";
import { type ProductProfile, profileProduct } from "./profiles";

// The catalogue index's data, kept as a build over the active products in `rank` order would leave it, while
// products come and go one at a time: postings stay sorted by rank, a term no product has any more leaves the
// vocabulary, and everything whose order a build derives from first appearances (sound-alike buckets, kinds,
// categories) is re-derived from ranks when a change may have moved it. Each product has a slot (its number in
// the postings and the search's scratch arrays); a product that leaves frees nothing, a slot is never reused.

export type Postings = { docs: Int32Array; weights: Float32Array; n: number };

const soundKey = (term: string) => (/\d/.test(term) || term.includes("_") ? null : phoneticKey(term));

export class IndexStore {
  /** Product per slot; undefined once it left. */
  readonly slots: (CatalogProduct | undefined)[] = [];
  private readonly ranks: number[] = [];
  private readonly slotOf = new Map<CatalogProduct, number>();
  /** Active products in rank order. */
  readonly ordered: CatalogProduct[] = [];
  readonly held = new Map<string, CatalogProduct>();
  readonly skuMap = new Map<string, CatalogProduct>();
  readonly profiles = new Map<string, ProductProfile & DetailsHolder>();
  /** The profiles' details, compact (see profile-details.ts). */
  readonly details = new DetailTables();
  /** The next slot `readDetails` looks at: slots are never reused, so one pass in slot order meets every product. */
  private detailsCursor = 0;
  readonly postings = new Map<string, Postings>();
  readonly vocabulary = new FuzzyVocabulary([]);
  private readonly sounds = new Map<string, string[]>();
  private readonly unsortedSounds = new Set<string>();
  readonly categoryDocs = new Map<string, number[]>();
  readonly kinds = new Map<string, CatalogProduct[]>();
  private derived: {
    version: number;
    categoryTerms: Array<{ name: string; terms: string[] }>;
    kindVocabulary: FuzzyVocabulary;
    kindSounds: Map<string, string>;
  } | null = null;
  private readonly memo: TermMemo = new Map();
  /** Bumped by every change (caches of derived answers, e.g. families, key on it). */
  version = 0;

  private readonly rankOfSlot = (slot: number) => this.ranks[slot] as number;
  private readonly rankOf = (p: CatalogProduct) => this.ranks[this.slotOf.get(p) as number] as number;

  /** The product's slot while it is in the index. */
  slotHeld(p: CatalogProduct): number | undefined {
    return this.slotOf.get(p);
  }

  rankHeld(p: CatalogProduct): number | undefined {
    const slot = this.slotOf.get(p);
    return slot === undefined ? undefined : this.ranks[slot];
  }

  add(product: CatalogProduct, rank: number): void {
    const slot = this.slots.length;
    this.slots.push(product);
    this.ranks.push(rank);
    this.slotOf.set(product, slot);
    insertByRank(this.ordered, product, this.rankOf);
    const last = this.ordered[this.ordered.length - 1] === product;
    this.held.set(product.sku, product);
    this.skuMap.set(product.sku.toUpperCase(), product);
    const profile = profileProduct(product, this.details);
    this.profiles.set(product.sku, profile);
    for (const [term, weight] of docTerms(product, this.memo)) {
      let postings = this.postings.get(term);
      if (!postings) {
        postings = { docs: new Int32Array(4), weights: new Float32Array(4), n: 0 };
        this.postings.set(term, postings);
        this.vocabulary.add(term);
        const key = soundKey(term);
        if (key !== null) {
          const bucket = this.sounds.get(key);
          if (bucket) bucket.push(term);
          else this.sounds.set(key, [term]);
          if (!last) this.unsortedSounds.add(key);
        }
      }
      if (this.insertPosting(postings, slot, weight) === 0 && postings.n > 1) this.soundMoved(term);
    }
    const members = this.categoryDocs.get(product.category);
    if (members) insertByRank(members, slot, this.rankOfSlot);
    else this.categoryDocs.set(product.category, [slot]);
    for (const kind of profile.kinds) {
      const list = this.kinds.get(kind);
      if (list) insertByRank(list, product, this.rankOf);
      else this.kinds.set(kind, [product]);
    }
    this.version++;
  }

  remove(product: CatalogProduct): void {
    const slot = this.slotOf.get(product);
    if (slot === undefined) return;
    const rank = this.ranks[slot] as number;
    removeAt(this.ordered, rank, this.rankOf);
    const profile = this.profiles.get(product.sku) ?? profileProduct(product);
    for (const kind of profile.kinds) {
      const list = this.kinds.get(kind) ?? [];
      removeAt(list, rank, this.rankOf);
      if (list.length === 0) this.kinds.delete(kind);
    }
    this.slotOf.delete(product);
    this.slots[slot] = undefined;
    if (this.held.get(product.sku) === product) {
      this.held.delete(product.sku);
      this.profiles.get(product.sku)?.dropDetails();
      this.profiles.delete(product.sku);
      if (this.details.wasteful) this.details.compact(this.profiles.values());
    }
    if (this.skuMap.get(product.sku.toUpperCase()) === product) this.skuMap.delete(product.sku.toUpperCase());
    for (const term of docTerms(product, this.memo).keys()) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      const at = this.removePosting(postings, rank);
      if (postings.n === 0) {
        this.postings.delete(term);
        this.vocabulary.remove(term);
        const key = soundKey(term);
        const bucket = key === null ? undefined : this.sounds.get(key);
        if (key !== null && bucket) {
          bucket.splice(bucket.indexOf(term), 1);
          if (bucket.length === 0) this.sounds.delete(key);
        }
      } else if (at === 0) this.soundMoved(term);
    }
    const members = this.categoryDocs.get(product.category) ?? [];
    removeAt(members, rank, this.rankOfSlot);
    if (members.length === 0) this.categoryDocs.delete(product.category);
    this.version++;
  }

  /**
   * Reads the details of up to `limit` held products whose details no turn has read yet; true while some are left.
   * (A product put later is met when the pass reaches its slot.)
   */
  readDetails(limit: number): boolean {
    let read = 0;
    while (this.detailsCursor < this.slots.length && read < limit) {
      const product = this.slots[this.detailsCursor++];
      const profile = product && this.held.get(product.sku) === product ? this.profiles.get(product.sku) : undefined;
      if (!profile || profile.detailsRead) continue;
      profile.readDetails();
      read++;
    }
    return this.detailsCursor < this.slots.length;
  }

  private anti: { version: number; roots: Array<[root: string, term: string]> } | null = null;

  /** The catalogue's "anti-" compounds ("antiempanant") with their roots, for "que no se empañe" (read per version). */
  antiCompounds(): ReadonlyArray<[root: string, term: string]> {
    if (this.anti?.version !== this.version) {
      const roots: Array<[string, string]> = [];
      for (const term of this.postings.keys())
        if (term.startsWith("anti") && term.length >= 8) roots.push([term.slice(4), term]);
      this.anti = { version: this.version, roots };
    }
    return this.anti.roots;
  }

  /** Sound-alike terms, in the order a build meets them (by their first product, then within it). */
  soundsLike(key: string): string[] | undefined {
    const bucket = this.sounds.get(key);
    if (!bucket || !this.unsortedSounds.has(key)) return bucket;
    const place = new Map<string, [number, number]>();
    for (const term of bucket) {
      const postings = this.postings.get(term) as Postings;
      const slot = postings.docs[0] as number;
      const terms = [...docTerms(this.slots[slot] as CatalogProduct, this.memo).keys()];
      place.set(term, [this.rankOfSlot(slot), terms.indexOf(term)]);
    }
    bucket.sort((a, b) => {
      const [ra, pa] = place.get(a) as [number, number];
      const [rb, pb] = place.get(b) as [number, number];
      return ra - rb || pa - pb;
    });
    this.unsortedSounds.delete(key);
    return bucket;
  }

  /**
   * Categories (with their terms) and kinds in the order a build meets them: by their first product, derived
   * again after any change (there are few of them next to products).
   */
  derive() {
    if (this.derived?.version === this.version) return this.derived;
    const firstRank = (name: string) => this.rankOfSlot((this.categoryDocs.get(name) as number[])[0] as number);
    const names = [...this.categoryDocs.keys()].sort((a, b) => firstRank(a) - firstRank(b));
    const categoryTerms = names.map((name) => ({ name, terms: [...new Set(analyze(name))] }));
    const kindPlace = (kind: string): [number, number] => {
      const first = (this.kinds.get(kind) as CatalogProduct[])[0] as CatalogProduct;
      return [this.rankOf(first), (this.profiles.get(first.sku)?.kinds ?? []).indexOf(kind)];
    };
    const places = new Map([...this.kinds.keys()].map((k) => [k, kindPlace(k)]));
    const kindOrder = [...this.kinds.keys()].sort((a, b) => {
      const [ra, pa] = places.get(a) as [number, number];
      const [rb, pb] = places.get(b) as [number, number];
      return ra - rb || pa - pb;
    });
    this.derived = {
      version: this.version,
      categoryTerms,
      kindVocabulary: new FuzzyVocabulary(kindOrder),
      kindSounds: new Map(kindOrder.map((k) => [phoneticKey(k), k])),
    };
    return this.derived;
  }

  /** Trims every postings list to its length (after a bulk build). */
  compact(): void {
    for (const p of this.postings.values()) {
      if (p.docs.length === p.n) continue;
      p.docs = p.docs.slice(0, p.n);
      p.weights = p.weights.slice(0, p.n);
    }
  }

  private soundMoved(term: string): void {
    const key = soundKey(term);
    if (key !== null && this.sounds.has(key)) this.unsortedSounds.add(key);
  }

  /** Inserts the slot by rank; returns its position. */
  private insertPosting(p: Postings, slot: number, weight: number): number {
    if (p.n === p.docs.length) {
      const docs = new Int32Array(p.n * 2);
      docs.set(p.docs);
      const weights = new Float32Array(p.n * 2);
      weights.set(p.weights);
      p.docs = docs;
      p.weights = weights;
    }
    const rank = this.rankOfSlot(slot);
    let at = p.n;
    if (at > 0 && this.rankOfSlot(p.docs[at - 1] as number) > rank) {
      at = lowerBound(p.n, (i) => this.rankOfSlot(p.docs[i] as number) < rank);
      p.docs.copyWithin(at + 1, at, p.n);
      p.weights.copyWithin(at + 1, at, p.n);
    }
    p.docs[at] = slot;
    p.weights[at] = weight;
    p.n++;
    return at;
  }

  private removePosting(p: Postings, rank: number): number {
    const at = lowerBound(p.n, (i) => this.rankOfSlot(p.docs[i] as number) < rank);
    if (at >= p.n || this.rankOfSlot(p.docs[at] as number) !== rank) return -1;
    p.docs.copyWithin(at, at + 1, p.n);
    p.weights.copyWithin(at, at + 1, p.n);
    p.n--;
    return at;
  }
}

/** First index in [0, n) for which `before` is false (`before` true on a prefix). */
function lowerBound(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function removeAt<T>(list: T[], rank: number, rankOf: (t: T) => number): void {
  const at = lowerBound(list.length, (i) => rankOf(list[i] as T) < rank);
  if (at < list.length && rankOf(list[at] as T) === rank) list.splice(at, 1);
}
