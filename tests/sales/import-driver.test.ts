import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoadedProduct, loadProductsById } from "@/lib/db/catalog";
import { applyProductImportRows, type ImportOptions } from "@/lib/db/imports";
import { type ImportRow, parseProductImport } from "@/lib/imports/parse";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// The driver writer of a catalogue import (lib/db/import-writes.ts) must leave the database exactly as the
// previous Prisma writer did: products (values, generated SKUs, legacy ids, searchText, active), stock movements
// (deltas, stock after, note, user, order), the summary and the audit entry. Each file goes through both writers
// on two databases seeded alike, in small batches so batches, unchanged rows and re-reads are crossed. What each
// writer reports as written (the products the chat's index takes from the import, lib/chat/catalog-feed.ts) must be
// what the database then holds, stamps included — read in a time zone other than UTC, where pg's default parser of
// a timestamp without time zone would be hours off.

const catalogue = [
  "sku,nombre,categoria,marca,precio,stock,unidad,norma,descripcion,sinonimos",
  "IMP-A1,Casco importado azul,Cascos,MSA,41000,12,unidad,ANSI Z89.1,Casco de prueba,casco; casquete",
  "IMP-A2,Guante importado,Guantes,,9000,0,par,,,",
  'IMP-A3,"Botas ""Pro"", caña alta",Calzado,Robusta,120000,4,par,,Con puntera,',
];
const legacy = [
  "id,nombre,descripcion,precio,stock,categoria",
  "9001,Producto legado uno,Desde el sistema anterior,15000,3,General",
  "9002,Producto legado dos,,22000,0,Aseo",
];
const generated = ["nombre,descripcion,precio,stock", "Producto sin código,Llega sin SKU,5000,8"];

function rowsOf(lines: string[]): ImportRow[] {
  const parsed = parseProductImport(lines.join("\n"));
  if (parsed.errors.length > 0) throw new Error(JSON.stringify(parsed.errors));
  return parsed.rows;
}

/** Rows against the seeded catalogue: some changed, some identical, one matched twice (by SKU and by name). */
async function existingRows(t: TestDatabase): Promise<ImportRow[]> {
  const products = await t.db.product.findMany({ orderBy: { id: "asc" }, take: 12 });
  return products.map((p, i) => ({
    line: 100 + i,
    sku: i === 11 ? null : p.sku,
    name: i === 11 ? (products[1]?.name ?? p.name) : p.name,
    description: i % 3 === 0 ? `${p.description} (revisada)` : p.description,
    category: p.category,
    brand: p.brand,
    price: i % 2 === 0 ? p.price : p.price + 500,
    stock: i % 4 === 0 ? p.stock : p.stock + i,
    unit: p.unit,
    standard: p.standard,
    synonyms: i === 5 ? "uno; dos ;tres" : p.synonyms,
    legacyId: null,
    active: i === 7 ? false : p.active,
  }));
}

/** Everything an import writes, without what differs by construction (row ids, clock, the generated SKU's stamp). */
async function snapshot(t: TestDatabase, since: Awaited<ReturnType<typeof marks>>) {
  const stamp = (sku: string) => sku.replace(/^IMP-[0-9A-Z]+-(\d+)$/, "IMP-*-$1");
  const products = await t.db.product.findMany({ orderBy: { id: "asc" } });
  const skuOf = new Map(products.map((p) => [p.id, stamp(p.sku)]));
  const movements = await t.db.stockMovement.findMany({
    where: { id: { gt: since.movement } },
    orderBy: { id: "asc" },
  });
  const audits = await t.db.auditLog.findMany({ where: { id: { gt: since.audit } }, orderBy: { id: "asc" } });
  return {
    products: products.map(({ id, createdAt, updatedAt, ...p }) => ({
      ...p,
      sku: stamp(p.sku),
      searchText: p.searchText.replace(/\bimp-[0-9a-z]+-(\d+)\b/, "imp-*-$1"),
      new: id > since.product,
      // what the chat's catalogue index follows
      written: updatedAt.getTime() >= since.at,
    })),
    movements: movements.map(({ id, createdAt, productId, ...m }) => ({ ...m, sku: skuOf.get(productId) })),
    audits: audits.map((a) => ({ action: a.action, after: a.after })),
  };
}

async function marks(t: TestDatabase) {
  const [p, m, a] = await Promise.all([
    t.db.product.aggregate({ _max: { id: true } }),
    t.db.stockMovement.aggregate({ _max: { id: true } }),
    t.db.auditLog.aggregate({ _max: { id: true } }),
  ]);
  await new Promise((resolve) => setTimeout(resolve, 5)); // the seed's last write is older than `at`
  return { product: p._max.id ?? 0, movement: m._max.id ?? 0, audit: a._max.id ?? 0, at: Date.now() };
}

describe.each(FLAVOURS)("catalogue import, driver writer vs. Prisma writer, on %s", (flavour) => {
  const dbs: Record<"prisma" | "driver", TestDatabase | null> = { prisma: null, driver: null };
  const zone = process.env.TZ;
  beforeAll(async () => {
    process.env.TZ = "America/Bogota";
    dbs.prisma = await freshDatabase(flavour);
    dbs.driver = await freshDatabase(flavour);
  });
  afterAll(async () => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
    await dbs.prisma?.drop();
    await dbs.driver?.drop();
  });

  async function both(file: (t: TestDatabase) => Promise<ImportRow[]>, options: Omit<ImportOptions, "writer">) {
    const out = [];
    for (const writer of ["prisma", "driver"] as const) {
      const t = dbs[writer] as TestDatabase;
      // biome-ignore lint/correctness/useHookAtTopLevel: not a React hook (it points lib/db at this database)
      useDatabaseForApp(t.url);
      const since = await marks(t);
      const written = new Map<string, LoadedProduct>(); // the last write of each product
      const onWritten = async (rows: LoadedProduct[]) => {
        for (const l of rows) written.set(l.product.id, l);
      };
      const rows = await file(t);
      const summary = await applyProductImportRows(rows, null, { ...options, writer, batchRows: 5, onWritten });
      const stored = await loadProductsById([...written.keys()].map(Number));
      expect(written.size).toBeGreaterThanOrEqual(summary.created + (summary.updated > 0 ? 1 : 0));
      expect([...written.values()].sort((a, b) => Number(a.product.id) - Number(b.product.id))).toEqual(stored);
      out.push({ summary, ...(await snapshot(t, since)) });
    }
    return out;
  }

  it("upsert: changed, unchanged, doubly matched, new, legacy and generated rows", async () => {
    const file = async (t: TestDatabase) => [
      ...(await existingRows(t)),
      ...rowsOf(catalogue),
      ...rowsOf(legacy),
      ...rowsOf(generated),
    ];
    const [prisma, driver] = await both(file, { mode: "upsert", fileName: "catalogo.csv" });
    expect(prisma?.summary.created).toBe(6);
    expect(prisma?.movements.length).toBeGreaterThan(5);
    expect(driver).toEqual(prisma);
  }, 60_000);

  it("a second run of the same file, then replace with part of the catalogue", async () => {
    const again = async () => [...rowsOf(catalogue), ...rowsOf(legacy)];
    const [prisma, driver] = await both(again, { mode: "upsert" });
    expect(prisma?.summary).toEqual({ created: 0, updated: 0, unchanged: 5, deactivated: 0 });
    expect(driver).toEqual(prisma);

    const part = async (t: TestDatabase) => (await existingRows(t)).slice(0, 6);
    const [prismaReplace, driverReplace] = await both(part, { mode: "replace", fileName: "parcial.csv" });
    expect(prismaReplace?.summary.deactivated).toBeGreaterThan(10);
    expect(driverReplace).toEqual(prismaReplace);
  }, 60_000);
});
