import { createHash, randomUUID } from "node:crypto";
import type { LoadedProduct } from "@/lib/db/catalog";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { type CatalogWrite, eventBus, type RealtimeEvent } from "@/lib/realtime/bus";

// An import batch's products, as committed, reach every process's catalogue index as they are written: this
// process's index is patched before the import moves on, the other instances' when the bus event arrives. Without
// this each process read the batch's rows back and indexed them on its next customer's turn (the turn waited for
// it). The event is a shortcut, never the only way: a turn still reads the catalogue's version and the stamps of
// what changed, so a lost or late event (Redis down, an instance starting) costs that turn a read, not a stale
// answer, and an event older than what the index holds is ignored (lib/chat/knowledge.ts, applyCatalogWrites).

type Handler = (written: readonly LoadedProduct[]) => Promise<void>;
type Feed = { origin: string; handler?: Handler; unsubscribe?: () => void };

// process-wide: the custom server and Next's route handlers load separate copies of this module
const shared = globalThis as unknown as { __sextinvalleCatalogFeed?: Feed };
const feed = (): Feed => {
  shared.__sextinvalleCatalogFeed ??= { origin: randomUUID() };
  return shared.__sextinvalleCatalogFeed;
};

/** Which database the products are in, without putting its URL (and credentials) on the bus. */
export const catalogSource = (url: string) => createHash("sha256").update(url).digest("hex").slice(0, 16);

const toWire = (l: LoadedProduct): CatalogWrite => ({ product: l.product, media: l.media, at: l.updatedAt.getTime() });
const fromWire = (w: CatalogWrite): LoadedProduct => ({
  product: w.product,
  media: w.media,
  updatedAt: new Date(w.at),
});

/**
 * The index of this process takes `handler` for the products written here and by other instances (from the bus).
 * Called again (a rebuilt index, a bus closed and made again) it replaces the previous one.
 */
export function followCatalogFeed(handler: Handler): void {
  const f = feed();
  f.unsubscribe?.();
  f.handler = handler;
  f.unsubscribe = eventBus().subscribe((event: RealtimeEvent) => {
    if (event.type !== "catalog" || event.origin === f.origin) return; // our own: already applied before publishing
    if (event.source !== catalogSource(env().DATABASE_URL)) return;
    f.handler?.(event.products.map(fromWire)).catch((err: unknown) =>
      log.warn("could not apply a catalogue event; the next turn reads the changes", { err }),
    );
  });
}

/**
 * An import batch committed these products: this process's index takes them now (the caller waits, so the import
 * ends with the index current), then the other instances are told. A failed publish only costs them a read.
 */
export async function announceCatalogWrites(written: readonly LoadedProduct[]): Promise<void> {
  if (written.length === 0) return;
  const f = feed();
  await f.handler?.(written);
  try {
    await eventBus().publish({
      type: "catalog",
      origin: f.origin,
      source: catalogSource(env().DATABASE_URL),
      products: written.map(toWire),
    });
  } catch (err) {
    log.warn("could not publish an import batch; other instances read it on their next turn", { err });
  }
}
