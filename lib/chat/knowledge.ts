import { type CatalogIndex, createCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { type CompanySections, parseCompanyMarkdown } from "@/lib/agent/retrieval/company";
import { catalogFingerprint, findLatestCompanyInfo, loadActiveCatalog } from "@/lib/db/catalog";
import { env } from "@/lib/env";

// The agent's in-memory knowledge (catalog index + company text), shared by every channel in the process
// (globalThis: the custom server's WebSocket and Next's route handlers load separate module copies).
// A fingerprint query per turn (count + max(updatedAt)) decides whether to rebuild after console edits.
type Cached = { url: string; fingerprint: string; index: CatalogIndex };
type CachedCompany = { url: string; version: number; sections: CompanySections };
type Store = { catalog?: Cached; company?: CachedCompany; building?: Promise<Cached> };

const globalStore = globalThis as unknown as { __sextinvalleKnowledge?: Store };
const store = (): Store => {
  globalStore.__sextinvalleKnowledge ??= {};
  return globalStore.__sextinvalleKnowledge;
};

export async function currentCatalog(): Promise<CatalogIndex> {
  const url = env().DATABASE_URL;
  const s = store();
  const fingerprint = await catalogFingerprint();
  if (s.catalog && s.catalog.url === url && s.catalog.fingerprint === fingerprint) return s.catalog.index;
  // Concurrent turns after an edit share one rebuild.
  s.building ??= loadActiveCatalog()
    .then((products) => ({ url, fingerprint, index: createCatalogIndex(products) }))
    .finally(() => {
      s.building = undefined;
    });
  const built = await s.building;
  s.catalog = built;
  return built.index;
}

export async function currentCompany(): Promise<CompanySections> {
  const url = env().DATABASE_URL;
  const s = store();
  const info = await findLatestCompanyInfo();
  const version = info?.version ?? 0;
  if (s.company && s.company.url === url && s.company.version === version) return s.company.sections;
  const sections = parseCompanyMarkdown(info?.content ?? "# Sextinvalle S.A.S.");
  s.company = { url, version, sections };
  return sections;
}

/** Forget the cached index (after this process closed an order, stock changed). */
export function invalidateCatalog(): void {
  store().catalog = undefined;
}
