import { type CatalogIndex, createCatalogIndex, type LiveCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { type CompanySections, parseCompanyMarkdown } from "@/lib/agent/retrieval/company";
import { sameSearchText } from "@/lib/agent/retrieval/index-terms";
import type { CatalogProduct } from "@/lib/agent/types";
import { followCatalogFeed } from "@/lib/chat/catalog-feed";
import {
  findLatestCompanyInfo,
  type KnowledgeVersions,
  type LoadedProduct,
  loadActiveProducts,
  loadProductStampsSince,
  loadProductsById,
  readKnowledgeVersions,
} from "@/lib/db/catalog";
import type { GlobalBotSwitch } from "@/lib/db/conversations";
import type { ProductMedia } from "@/lib/db/product-media";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// The agent's in-memory knowledge (catalogue index, product photos, company text, global bot switch), shared by
// every channel in the process (globalThis: the custom server's WebSocket and Next's route handlers load separate
// module copies). Lifecycle:
// - built at start-up in the background (`warmKnowledge`, server.ts), never on a customer's request unless one
//   arrives before the build ends (then it waits for that same build);
// - kept current by version numbers read in ONE statement of index seeks per turn (`readKnowledgeVersions`):
//   another process or instance changing a product, the company text or the switch is seen on the next turn;
// - updated incrementally: only products changed since the newest change this copy holds are read (an index range
//   on `updatedAt`); price, stock, unit and photo are patched in place; a product whose searchable words changed,
//   a new one and a (de)activated one are put into the same index, which then answers as a fresh build would
//   (lib/agent/retrieval/index-store.ts). No rebuild: an import's batches cost what their rows cost.
// - both the build and large updates run in chunks that yield to the event loop, so chat turns keep being
//   answered (from the index as patched so far) while 100 000 products are indexed. The turn that read changes
//   waits for them to be put (a turn after a change answers from it: a product right after a replace import).
// - an import's batches are put as they are written (lib/chat/catalog-feed.ts, here and on the other instances
//   through the bus), so the turn after one finds them applied and reads only their stamps.
const CHUNK = 1_000;
/**
 * Products whose details (attributes, terms) are read per step of the pass after a build or a put: ~50 µs each,
 * so a step is ~10 ms and a turn arriving meanwhile waits at most about that.
 */
const DETAILS_CHUNK = 200;
/** Changes are re-read from a little before the newest one held: rows committed late with an older stamp count. */
const LOOKBACK_MS = 5_000;
/**
 * How often a refresh re-reads the whole look-back window; between two such reads it reads from the newest change
 * held. During an import the window holds ~20 000 rows, which every turn re-read before (4 s of a 23 s import).
 * A late row was never seen before some later change triggered a refresh anyway (its stamp does not move the
 * version); now it is seen by the first refresh at least this long after the previous full read.
 */
const LOOKBACK_EVERY_MS = 1_000;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Catalogue order is the database's id order (`loadActiveProducts`). */
const rank = (p: CatalogProduct) => Number(p.id);

type CatalogState = {
  url: string;
  index: LiveCatalogIndex;
  media: Map<string, ProductMedia>;
  /** `KnowledgeVersions.catalog` this copy reflects ("" forces a refresh). */
  version: string;
  newest: number;
  /**
   * The change stamp (ms) applied for each product changed within LOOKBACK_MS of `newest`: a refresh re-reads
   * only the stamps of that window and the rows of those whose stamp it has not applied (during an import the
   * window holds thousands of rows, read again on every turn otherwise).
   */
  applied: Map<number, number>;
  /** When (Date.now()) a refresh last read the whole look-back window. */
  lookedBack: number;
  /** The pass reading this index's product details in the background, while one runs. */
  readingDetails?: Promise<void>;
};
type Store = {
  catalog?: CatalogState;
  building?: Promise<CatalogState>;
  refreshing?: Promise<void>;
  /** Everything that changes the served index runs here, one after another (refreshes and import batches). */
  lane?: Promise<void>;
  company?: { url: string; version: number; sections: CompanySections };
  bot?: { url: string; raw: string | null; value: GlobalBotSwitch };
};

const globalStore = globalThis as unknown as { __sextinvalleKnowledge?: Store };
const store = (): Store => {
  globalStore.__sextinvalleKnowledge ??= {};
  return globalStore.__sextinvalleKnowledge;
};

/** Runs `work` after every index change queued before it (their chunks yield, so two would interleave). */
function exclusive(work: () => Promise<void>): Promise<void> {
  const s = store();
  const run = (s.lane ?? Promise.resolve()).then(work);
  s.lane = run.catch(() => undefined);
  return run;
}

/** Puts products into the index a chunk at a time, yielding between chunks. */
async function putInChunks(index: LiveCatalogIndex, products: readonly CatalogProduct[]): Promise<void> {
  for (let i = 0; i < products.length; i += CHUNK) {
    if (i > 0) await yieldToLoop();
    index.put(products.slice(i, i + CHUNK));
  }
}

async function stateFrom(url: string, loaded: readonly LoadedProduct[], version: string): Promise<CatalogState> {
  const index = createCatalogIndex([], { rank });
  await putInChunks(
    index,
    loaded.map((l) => l.product),
  );
  index.compact();
  const media = new Map(loaded.map((l) => [l.product.sku, l.media]));
  const newest = loaded.reduce((max, l) => Math.max(max, l.updatedAt.getTime()), 0);
  // rows loaded within the look-back window count as applied: the first refresh reads their stamps, not them
  const applied = new Map<number, number>();
  for (const l of loaded) {
    const at = l.updatedAt.getTime();
    if (at >= newest - LOOKBACK_MS) applied.set(Number(l.product.id), at);
  }
  return { url, index, media, version, newest, applied, lookedBack: 0 };
}

function build(url: string): Promise<CatalogState> {
  const s = store();
  s.building ??= (async () => {
    const started = performance.now();
    const versions = await readKnowledgeVersions();
    const loaded = await loadActiveProducts();
    const state = await stateFrom(url, loaded, versions.catalog);
    // Anything written while we were loading (LOOKBACK_MS covers rows committed late) is read now, still before
    // the index is served: left to the first customer's turn, this read of every stamp of the window took
    // seconds after a fresh 100 000-product import (all stamped within the window).
    if (loaded.length > 0) await readChanges(state, (await readKnowledgeVersions()).catalog);
    // Orders and families derived from the whole catalogue, computed now rather than on a customer's turn.
    state.index.families();
    state.index.categories();
    if (env().DATABASE_URL === url) {
      s.catalog = state;
      followCatalogFeed(applyCatalogWrites);
    }
    log.info("catalogue index built", { products: state.index.size(), ms: Math.round(performance.now() - started) });
    readDetailsInBackground(state);
    return state;
  })().finally(() => {
    s.building = undefined;
  });
  return s.building;
}

/**
 * Reads every product's details (attributes, terms: ~30 % of a turn that meets products for the first time) in
 * steps between turns, once the index is served, so no customer's turn pays for them. A product put later is read
 * by the same pass, or by the next one a put starts. The pass stops when its index is no longer the one served.
 */
function readDetailsInBackground(state: CatalogState): void {
  const s = store();
  if (state.readingDetails) return;
  const started = performance.now();
  state.readingDetails = (async () => {
    while (s.catalog === state && state.index.readDetails(DETAILS_CHUNK)) await yieldToLoop();
    if (s.catalog === state) log.info("product details read", { ms: Math.round(performance.now() - started) });
  })()
    .catch((err: unknown) => log.warn("could not read product details in the background", { err }))
    .finally(() => {
      state.readingDetails = undefined;
    });
}

/** Resolves when the served index has no background pass over product details running (tests, benches). */
export async function detailsRead(): Promise<void> {
  for (let state = store().catalog; state?.readingDetails; state = store().catalog) await state.readingDetails;
}

/** Starts building the index now (server start-up), so no customer waits for it. */
export function warmKnowledge(): void {
  const url = env().DATABASE_URL;
  if (store().catalog?.url === url) return;
  build(url).catch((err: unknown) => log.warn("could not build the catalogue index at start-up", { err }));
}

/** Resolves when the index is built (for start-up scripts and benches). */
export async function knowledgeReady(): Promise<void> {
  const s = store();
  if (s.catalog?.url === env().DATABASE_URL) return;
  await (s.building ?? build(env().DATABASE_URL));
}

/** Drops everything (tests, benches). */
export function forgetKnowledge(): void {
  const s = store();
  s.catalog = undefined;
  s.company = undefined;
  s.bot = undefined;
}

/**
 * Applies the products changed since this copy's newest change: price, stock, unit and photo in place; new,
 * (de)activated and re-worded products put into the index.
 */
async function applyChanges(state: CatalogState, changed: readonly LoadedProduct[]): Promise<void> {
  const put: CatalogProduct[] = [];
  for (const { product, media } of changed) {
    state.media.set(product.sku, media);
    const held = state.index.bySku(product.sku);
    if (!held || held.id !== product.id || held.sku !== product.sku || !sameSearchText(held, product)) {
      if (held || product.active) put.push(product);
      continue;
    }
    held.price = product.price;
    held.stock = product.stock;
    held.unit = product.unit;
    held.skuInternal = product.skuInternal;
  }
  await putInChunks(state.index, put);
  if (put.length > 0 && store().catalog === state) readDetailsInBackground(state);
}

/** Reads and applies what changed since the newest change held; `version` is what the index then reflects. */
async function readChanges(state: CatalogState, version: string): Promise<void> {
  const now = Date.now();
  const full = now - state.lookedBack >= LOOKBACK_EVERY_MS;
  if (full) state.lookedBack = now;
  const since = full ? state.newest - LOOKBACK_MS : state.newest;
  const stamps = await loadProductStampsSince(new Date(since));
  const unseen = stamps.filter((s) => state.applied.get(s.id) !== s.at).map((s) => s.id);
  const changed = await loadProductsById(unseen);
  await applyChanges(state, changed);
  for (const l of changed) state.applied.set(Number(l.product.id), l.updatedAt.getTime());
  // the newest change read from the database, applied now or before (an import batch's, see applyCatalogWrites)
  for (const s of stamps) state.newest = Math.max(state.newest, s.at);
  for (const l of changed) state.newest = Math.max(state.newest, l.updatedAt.getTime());
  for (const [id, at] of state.applied) if (at < state.newest - LOOKBACK_MS) state.applied.delete(id);
  state.version = version;
}

async function refresh(state: CatalogState, version: string): Promise<void> {
  const s = store();
  s.refreshing ??= exclusive(() => readChanges(state, version)).finally(() => {
    s.refreshing = undefined;
  });
  await s.refreshing;
  // a refresh already running when this version was read may have stopped short of it: read once more
  if (state.version !== version && s.catalog === state) await refresh(state, version);
}

async function catalogAt(versions: KnowledgeVersions): Promise<CatalogState> {
  const url = env().DATABASE_URL;
  const s = store();
  let state = s.catalog?.url === url ? s.catalog : await build(url);
  if (state.version !== versions.catalog) {
    await refresh(state, versions.catalog);
    state = s.catalog?.url === url ? s.catalog : state;
  }
  return state;
}

async function companyAt(version: number): Promise<CompanySections> {
  const url = env().DATABASE_URL;
  const s = store();
  if (s.company && s.company.url === url && s.company.version === version) return s.company.sections;
  const info = await findLatestCompanyInfo();
  const sections = parseCompanyMarkdown(info?.content ?? "# Sextinvalle S.A.S.");
  s.company = { url, version: info?.version ?? 0, sections };
  return sections;
}

function botSwitchFrom(raw: string | null): GlobalBotSwitch {
  if (raw === null) return { enabled: true, reason: null };
  const s = store();
  const url = env().DATABASE_URL;
  if (s.bot && s.bot.url === url && s.bot.raw === raw) return s.bot.value;
  let parsed: Record<string, unknown> = {};
  try {
    const value = JSON.parse(raw) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    // unreadable means enabled
  }
  const value = { enabled: parsed.enabled !== false, reason: typeof parsed.reason === "string" ? parsed.reason : null };
  s.bot = { url, raw, value };
  return value;
}

export type Knowledge = {
  catalog: CatalogIndex;
  company: CompanySections;
  botSwitch: GlobalBotSwitch;
  media: ReadonlyMap<string, ProductMedia>;
};

/** Everything a turn needs from memory, current as of one versions read. */
export async function currentKnowledge(): Promise<Knowledge> {
  const versions = await readKnowledgeVersions();
  const [catalog, company] = await Promise.all([catalogAt(versions), companyAt(versions.company)]);
  return { catalog: catalog.index, company, botSwitch: botSwitchFrom(versions.botSwitch), media: catalog.media };
}

export async function currentCatalog(): Promise<CatalogIndex> {
  return (await currentKnowledge()).catalog;
}

export async function currentCompany(): Promise<CompanySections> {
  return companyAt((await readKnowledgeVersions()).company);
}

/**
 * Products an import batch committed (here, or on another instance through the bus): put into the index now, so
 * no turn reads and indexes them. Each counts as applied at its stamp, so the next refresh reads only its stamp;
 * `newest` stays where the database reads left it, so that refresh still reads every other change since then.
 * A product the index already holds at its stamp or later, or one older than the look-back window (which the
 * refresh no longer tells apart), is left to the database reads.
 */
export async function applyCatalogWrites(written: readonly LoadedProduct[]): Promise<void> {
  const state = store().catalog;
  if (!state || state.url !== env().DATABASE_URL) return; // no index yet: its build reads them
  await exclusive(async () => {
    if (store().catalog !== state) return;
    const fresh = written.filter((l) => {
      const at = l.updatedAt.getTime();
      return at >= state.newest - LOOKBACK_MS && (state.applied.get(Number(l.product.id)) ?? -1) < at;
    });
    await applyChanges(state, fresh);
    for (const l of fresh) state.applied.set(Number(l.product.id), l.updatedAt.getTime());
  });
}

/** This process changed products (an order closed: stock moved): the next read refreshes incrementally. */
export function invalidateCatalog(): void {
  const state = store().catalog;
  if (state) state.version = "";
}
