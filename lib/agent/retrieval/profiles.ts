// What each catalogue row says about its product, read from the row itself: its kind (the head noun of its
// name: "Extintor PQS 6kg" is an extintor, "Recarga de extintor" is a recarga), its attributes, and the terms of
// every field. Families for "¿qué venden?" come from categories when they mean something, else from kinds.

import { foldText, STOP_WORDS, stem } from "../analysis/normalize";
import { lexicon } from "../lexicon";
import type { Attribute, CatalogProduct } from "../types";
import { type DetailsHolder, DetailTables } from "./profile-details";

export type ProductProfile = {
  /** Stem of the head noun of the name. */
  kind: string;
  /** Every kind the product answers to: its name's head noun and its synonyms' ("tapabocas n95"). */
  kinds: string[];
  /** The head word as the name writes it ("Guantes", "Señal"). */
  kindWord: string;
  attributes: Attribute[];
  /** Terms of the label (name, synonyms, brand, standard); short arrays keep 100 000 profiles small. */
  labelTerms: readonly string[];
  /** Terms only the description has. */
  descriptionTerms: readonly string[];
  /** Sound-alike keys of the label terms: resolution asks each candidate about each word of a phrase. */
  labelSounds: ReadonlySet<string>;
  /** Whether attributes and terms have been read (they are on first use, or by `readDetails`). */
  readonly detailsRead: boolean;
  /** A label term is `term`, or sounds like it (`sound` is its key). */
  labelHas(term: string, sound: string): boolean;
  /** A label or description term is `term`. */
  rowHas(term: string): boolean;
  /** Reads attributes and terms now (after an index's build, so no customer's turn does). */
  readDetails(): void;
  /** The product left its index: the room of its details is free (read again, should anything still ask). */
  dropDetails(): void;
};

export type Family = { name: string; count: number; skus: string[] };

const GENERIC_HEADS = new Set(lexicon.attributes.genericHeads);

function headWord(name: string): string {
  for (const word of name.split(/[\s,()/-]+/)) {
    const folded = foldText(word);
    if (folded.length > 1 && !STOP_WORDS.has(folded) && !/\d/.test(folded)) return word;
  }
  return name.split(/\s+/)[0] ?? name;
}

/**
 * A synonym is the customer's own name for the product, and customers name some products by their code: the
 * first word of "n95 valvula" is what it is called, so a code opening a synonym is its head like any noun.
 */
function synonymHead(synonym: string): string {
  for (const word of synonym.split(/[\s,()/-]+/)) {
    const folded = foldText(word);
    if (folded.length > 1 && !STOP_WORDS.has(folded) && /[a-z]/.test(folded)) return word;
  }
  return headWord(synonym);
}

/** Stem of a head noun that says what a product is; generic heads ("protector", "kit") say nothing. */
export function kindStem(word: string): string | null {
  const folded = foldText(word);
  return GENERIC_HEADS.has(folded) ? null : stem(folded);
}

/**
 * One class for every profile: its getters live on the prototype, so 100 000 profiles share one shape (the
 * property reads in resolution's candidate loops stay monomorphic) and carry no closures of their own.
 * Attributes and terms are read apart, each on first use or by `readDetails` (after an index's build): a turn's
 * candidates are often asked only about words (no figure was given) or only about figures. Both are held in the
 * index's `DetailTables`; the profile keeps only where.
 */
class LazyProfile implements ProductProfile, DetailsHolder {
  private termsAt = -1;
  private attributesAt = -1;
  constructor(
    private readonly product: CatalogProduct,
    private readonly tables: DetailTables,
    readonly kind: string,
    readonly kinds: string[],
    readonly kindWord: string,
  ) {}
  private terms(): number {
    if (this.termsAt < 0) this.termsAt = this.tables.storeTerms(this.product);
    return this.termsAt;
  }
  private attributeAt(): number {
    if (this.attributesAt < 0) this.attributesAt = this.tables.storeAttributes(this.product);
    return this.attributesAt;
  }
  get attributes() {
    return this.tables.attributes(this.attributeAt());
  }
  get labelTerms() {
    return this.tables.labelTerms(this.terms());
  }
  get descriptionTerms() {
    return this.tables.descriptionTerms(this.terms());
  }
  get labelSounds() {
    return this.tables.labelSounds(this.terms());
  }
  get detailsRead() {
    return this.termsAt >= 0 && this.attributesAt >= 0;
  }
  labelHas(term: string, sound: string) {
    return this.tables.labelHas(this.terms(), term, sound);
  }
  rowHas(term: string) {
    return this.tables.rowHas(this.terms(), term);
  }
  readDetails() {
    this.terms();
    this.attributeAt();
  }
  dropDetails() {
    this.tables.free(this.termsAt, this.attributesAt);
    this.termsAt = -1;
    this.attributesAt = -1;
  }
  relocate(moveTerms: (at: number) => number, moveAttributes: (at: number) => number) {
    this.termsAt = moveTerms(this.termsAt);
    this.attributesAt = moveAttributes(this.attributesAt);
  }
}

/**
 * The product's profile. Its kinds are read at once (the index groups products by them); attributes and terms,
 * most of the cost, on first use or by `readDetails`, into `tables` (an index's, shared by its profiles; a
 * profile of its own by default).
 */
export function profileProduct(p: CatalogProduct, tables = new DetailTables()): ProductProfile & DetailsHolder {
  const word = headWord(p.name);
  const kinds = [kindStem(word), ...p.synonyms.map((s) => kindStem(synonymHead(s)))].filter((k): k is string => !!k);
  return new LazyProfile(p, tables, stem(foldText(word)), [...new Set(kinds)], word);
}

/** "Extintor" → "Extintores", "Arnés" → "Arneses", "Guantes" stays: a family title from a head word. */
export function pluralize(word: string): string {
  const lower = word.toLowerCase();
  if (/[aeiouáéíóú]$/.test(lower)) return `${word}s`;
  if (/z$/.test(lower)) return `${word.slice(0, -1)}ces`;
  if (/[^aeiouáéíóú]s$/.test(lower) || /[aeiou]s$/.test(lower)) return word;
  const plain = word.replace(/[áéíóú](?=[^aeiouáéíóú]*$)/, (v) => v.normalize("NFD").charAt(0));
  return `${plain}es`;
}

const NO_CATEGORY = new Set(["", "general", "sin categoria", "otros", "varios", "n/a", "na"]);

/** Folds each distinct category once: a catalogue of 100 000 products has a few dozen categories. */
function categoryFolder(): (category: string) => string {
  const folded = new Map<string, string>();
  return (category) => {
    const known = folded.get(category);
    if (known !== undefined) return known;
    const f = foldText(category);
    folded.set(category, f);
    return f;
  };
}

/** Categories tell families apart when there are several real ones; a single flat one ("General") does not. */
export function meaningfulCategories(products: readonly CatalogProduct[], fold = categoryFolder()): boolean {
  const counts = new Map<string, number>();
  for (const p of products) {
    const c = fold(p.category);
    if (!NO_CATEGORY.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const categorised = [...counts.values()].reduce((s, n) => s + n, 0);
  return counts.size >= 2 && categorised >= 0.8 * products.length;
}

/** Families, largest first: the categories, or the products grouped by kind when categories are flat. */
export function familiesOf(
  products: readonly CatalogProduct[],
  profile: (p: CatalogProduct) => ProductProfile,
): Family[] {
  const fold = categoryFolder();
  const byCategory = meaningfulCategories(products, fold);
  const groups = new Map<string, { name: string; skus: string[] }>();
  for (const p of products) {
    const key = byCategory ? fold(p.category) : profile(p).kind;
    const group = groups.get(key) ?? { name: byCategory ? p.category : pluralize(profile(p).kindWord), skus: [] };
    if (group.skus.length === 0) groups.set(key, group);
    group.skus.push(p.sku);
  }
  return [...groups.values()]
    .map((g) => ({ name: g.name, count: g.skus.length, skus: g.skus }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "es"));
}

/** The label says the term, exactly or by sound ("baqueta" for "vaqueta"). */
export function labelHas(profile: ProductProfile, term: string, sound: string): boolean {
  return profile.labelHas(term, sound);
}

/** Any field says the term. */
export function rowHas(profile: ProductProfile, term: string): boolean {
  return profile.rowHas(term);
}
