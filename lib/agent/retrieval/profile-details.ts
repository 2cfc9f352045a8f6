// The details of an index's product profiles (attributes, label and description terms, the label's sound-alike
// keys) in a compact form, so all of them can be read once after the build instead of on a customer's turn.
// Read as plain arrays and Sets, 100 000 products' details took +112 MB of heap (~1.1 KB a product: two arrays,
// a Set, a few objects and fresh strings each). Here each distinct term or key is one string and each distinct
// attribute one frozen object per index, and a product's details are term and attribute numbers in Int32Array
// pages shared by the index's products, found by the product's offset (page number and place in it). Pages never
// move once written: growing one array by doubling left the freed copies with the allocator (RSS) at 100 k.

import { attributeKey, attributeTokens, nameAcronyms, readAttributes } from "../analysis/attributes";
import { analyze } from "../analysis/normalize";
import { replaceNumberWords } from "../analysis/numbers";
import { phoneticKey } from "../analysis/phonetic";
import type { Attribute, CatalogProduct } from "../types";

/** The attributes of a product's row, as the profile always read them. */
export function rowAttributes(p: CatalogProduct): Attribute[] {
  const row = `${p.name} ${p.description} ${p.standard ?? ""}`;
  // Number words in the row read as figures, as they do in requests: "tres capas" is what "3 capas" asks for.
  const attributes = readAttributes(row, replaceNumberWords(attributeTokens(row)), "product").attributes;
  for (const code of nameAcronyms(p.name))
    if (!attributes.some((a) => a.kind === "code" && a.value === code)) attributes.push({ kind: "code", value: code });
  return attributes;
}

/** The label's words: name, synonyms, brand, standard. */
const labelText = (p: CatalogProduct) => `${p.name} ${p.synonyms.join(" ")} ${p.brand} ${p.standard ?? ""}`;

/** A profile whose details are in the tables: `compact` gives it its new offsets. */
export type DetailsHolder = {
  relocate(moveTerms: (at: number) => number, moveAttributes: (at: number) => number): void;
};

/** An offset is its page's number times PAGE_SPAN plus its place in the page (pages hold at most PAGE_SPAN ints). */
const PAGE_BITS = 18;
const PAGE_SPAN = 1 << PAGE_BITS;
const PLACE = PAGE_SPAN - 1;
/** The first page is small (an index of a few products, or a profile of its own); each next one twice as large. */
const FIRST_PAGE = 64;

export class DetailTables {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  private readonly attributeIds = new Map<string, number>();
  private readonly attributeList: Attribute[] = [];
  private pages: Int32Array[] = [];
  /** Ints written in the last page. */
  private filled = 0;
  /** Ints reserved over every page. */
  private used = 0;
  /** Ints of the pages that no profile points to any more (its product left the index or was re-worded). */
  private freed = 0;
  /** Per string id, the pass that last met it: de-duplicates a product's terms without a Set per product. */
  private seen = new Int32Array(64);
  private pass = 0;

  /** Ints of the pages in use, freed room included (benches, tests). */
  get size(): number {
    return this.used;
  }

  /** A profile leaves: its details' room is counted as free, for `compact`. */
  free(termsAt: number, attributesAt: number): void {
    if (termsAt >= 0) this.freed += 3 + this.count(termsAt, 3);
    if (attributesAt >= 0) this.freed += 1 + this.count(attributesAt, 1);
  }

  private count(at: number, fields: number, pages = this.pages): number {
    const page = pages[at >>> PAGE_BITS] as Int32Array;
    const place = at & PLACE;
    let n = 0;
    for (let i = 0; i < fields; i++) n += page[place + i] as number;
    return n;
  }

  /** More than half of the pages hold details of products gone: imports that re-word products leave that much. */
  get wasteful(): boolean {
    return this.freed > 65_536 && 2 * this.freed > this.used;
  }

  /** Copies the details every holder points to into new pages; each holder is told where they went. */
  compact(holders: Iterable<DetailsHolder>): void {
    const old = this.pages;
    this.pages = [];
    this.filled = 0;
    this.used = 0;
    this.freed = 0;
    const copy = (at: number, size: number) => {
      const to = this.reserve(size);
      const place = at & PLACE;
      this.page(to).set((old[at >>> PAGE_BITS] as Int32Array).subarray(place, place + size), to & PLACE);
      return to;
    };
    const moveTerms = (at: number) => (at < 0 ? at : copy(at, 3 + this.count(at, 3, old)));
    const moveAttributes = (at: number) => (at < 0 ? at : copy(at, 1 + this.count(at, 1, old)));
    for (const holder of holders) holder.relocate(moveTerms, moveAttributes);
  }

  // Resolution asks every candidate of a pool about the same word and sound: the last two looked up are kept.
  private lastText: string | undefined;
  private lastId = -1;
  private otherText: string | undefined;
  private otherId = -1;

  /** The number of a string held, or -1: no product's details have it. */
  idOf(text: string): number {
    if (text === this.lastText) return this.lastId;
    if (text === this.otherText) return this.otherId;
    const id = this.ids.get(text) ?? -1;
    this.otherText = this.lastText;
    this.otherId = this.lastId;
    this.lastText = text;
    this.lastId = id;
    return id;
  }

  private intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(text);
      this.ids.set(text, id);
      this.lastText = undefined;
      this.otherText = undefined;
      if (id >= this.seen.length) this.seen = grown(this.seen, id + 1);
    }
    return id;
  }

  private page(at: number): Int32Array {
    return this.pages[at >>> PAGE_BITS] as Int32Array;
  }

  /** Room for `n` ints in one page: the next page when the last one lacks it (a row larger than a page has its own). */
  private reserve(n: number): number {
    const last = this.pages.at(-1);
    if (!last || this.filled + n > last.length) {
      const size = Math.min(PAGE_SPAN, last ? 2 * last.length : FIRST_PAGE);
      this.pages.push(new Int32Array(Math.max(size, n)));
      this.filled = 0;
    }
    const at = (this.pages.length - 1) * PAGE_SPAN + this.filled;
    this.filled += n;
    this.used += n;
    return at;
  }

  /**
   * Stores the label terms, the description terms the label lacks and the label's sound-alike keys, each
   * distinct and in the order the text has them; returns where they are. Layout: [label n, description n,
   * sounds n, ...label ids, ...description ids, ...sound ids].
   */
  storeTerms(p: CatalogProduct): number {
    const out: number[] = [];
    const termPass = ++this.pass;
    for (const term of analyze(labelText(p))) this.keep(out, this.intern(term), termPass);
    const labelCount = out.length;
    for (const term of analyze(p.description)) this.keep(out, this.intern(term), termPass);
    const descriptionCount = out.length - labelCount;
    const soundPass = ++this.pass;
    for (let i = 0; i < labelCount; i++)
      this.keep(out, this.intern(phoneticKey(this.strings[out[i] as number] as string)), soundPass);
    const at = this.reserve(3 + out.length);
    const page = this.page(at);
    const place = at & PLACE;
    page[place] = labelCount;
    page[place + 1] = descriptionCount;
    page[place + 2] = out.length - labelCount - descriptionCount;
    page.set(out, place + 3);
    return at;
  }

  private keep(out: number[], id: number, pass: number): void {
    if (this.seen[id] === pass) return;
    this.seen[id] = pass;
    out.push(id);
  }

  /** Stores the row's attributes, one shared frozen object per distinct attribute; returns where. Layout: [n, ...ids]. */
  storeAttributes(p: CatalogProduct): number {
    const attributes = rowAttributes(p);
    const at = this.reserve(1 + attributes.length);
    const page = this.page(at);
    const place = at & PLACE;
    page[place] = attributes.length;
    attributes.forEach((a, i) => {
      const key = attributeKey(a);
      let id = this.attributeIds.get(key);
      if (id === undefined) {
        id = this.attributeList.length;
        this.attributeList.push(Object.freeze(a));
        this.attributeIds.set(key, id);
      }
      page[place + 1 + i] = id;
    });
    return at;
  }

  attributes(at: number): Attribute[] {
    const page = this.page(at);
    const place = at & PLACE;
    const n = page[place] as number;
    const list = new Array<Attribute>(n);
    for (let i = 0; i < n; i++) list[i] = this.attributeList[page[place + 1 + i] as number] as Attribute;
    return list;
  }

  /** The strings of `n` numbers from `skip` past a terms layout's three counts. */
  private texts(at: number, skip: number, n: number): string[] {
    const page = this.page(at);
    const from = (at & PLACE) + 3 + skip;
    const list = new Array<string>(n);
    for (let i = 0; i < n; i++) list[i] = this.strings[page[from + i] as number] as string;
    return list;
  }

  private counts(at: number): [label: number, description: number, sounds: number] {
    const page = this.page(at);
    const place = at & PLACE;
    return [page[place] as number, page[place + 1] as number, page[place + 2] as number];
  }

  labelTerms(at: number): string[] {
    const [label] = this.counts(at);
    return this.texts(at, 0, label);
  }

  descriptionTerms(at: number): string[] {
    const [label, description] = this.counts(at);
    return this.texts(at, label, description);
  }

  labelSounds(at: number): Set<string> {
    const [label, description, sounds] = this.counts(at);
    return new Set(this.texts(at, label + description, sounds));
  }

  /** A label term is the term, or a label term's sound-alike key is the sound. */
  labelHas(at: number, term: string, sound: string): boolean {
    const page = this.page(at);
    const place = at & PLACE;
    const label = page[place] as number;
    const start = place + 3;
    const sounds = start + label + (page[place + 1] as number);
    return (
      within(page, start, label, this.idOf(term)) || within(page, sounds, page[place + 2] as number, this.idOf(sound))
    );
  }

  /** A label or description term is the term. */
  rowHas(at: number, term: string): boolean {
    const page = this.page(at);
    const place = at & PLACE;
    return within(page, place + 3, (page[place] as number) + (page[place + 1] as number), this.idOf(term));
  }
}

function within(page: Int32Array, from: number, n: number, id: number): boolean {
  if (id < 0) return false;
  for (let i = from; i < from + n; i++) if (page[i] === id) return true;
  return false;
}

function grown(array: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(atLeast, array.length * 2));
  next.set(array);
  return next;
}
