import { describe, expect, it } from "vitest";
import { loadCatalog, loadProducts } from "@/lib/agent/test-support/fixtures";
import { createCatalogIndex } from "./catalog-index";

const catalog = loadCatalog();
const top = (q: string, n = 5) => catalog.search(q, { limit: n }).map((h) => h.product.sku);

describe("catalog search on the real catalog", () => {
  it.each([
    ["extintor de 10 libras", "INC-001"],
    ["extintor 20 lb", "INC-002"],
    ["estintor 10 libras", "INC-001"],
    ["guantez de vaqueta", "MAN-002"],
    ["arnes 4 argollas", "ALT-001"],
    ["cascos blancos", "CAB-001"],
    ["casco amarillo", "CAB-002"],
    ["gafas lente oscuro", "VIS-002"],
    ["gafas claras", "VIS-001"],
    ["chaleco naranja", "ROP-001"],
    ["guantes para soldar", "MAN-003"],
    ["vapores orgánicos", "RES-004"],
    ["extintor para cuarto de servidores", "INC-003"],
    ["botas dieléctricas", "CAL-002"],
    ["botas de caucho talla 40", "CAL-003"],
    ["línea de vida", "ALT-005"],
    ["tapabocas", "RES-007"],
    ["overoles", "ROP-003"],
    ["CAB-004", "CAB-004"],
    ["mosquetones", "ALT-006"],
  ])("%s → %s first", (query, sku) => expect(top(query, 1)[0]).toBe(sku));

  it("category question returns the category's products", () => {
    expect(top("qué hay en trabajo en alturas").every((s) => s.startsWith("ALT-"))).toBe(true);
  });

  it("cuarto de servidores includes the clean-agent extinguisher too", () => {
    expect(top("extintor cuarto de servidores equipos electrónicos")).toEqual(
      expect.arrayContaining(["INC-003", "INC-005"]),
    );
  });

  it("never returns inactive products", () => {
    const products = loadProducts().map((p) => (p.sku === "CAB-001" ? { ...p, active: false } : p));
    const index = createCatalogIndex(products);
    expect(index.search("casco blanco").map((h) => h.product.sku)).not.toContain("CAB-001");
    expect(index.bySku("CAB-001")).toBeUndefined();
  });

  it("lists categories and related products", () => {
    expect(catalog.categories()).toHaveLength(12);
    const helmet = catalog.bySku("cab-001");
    expect(helmet?.sku).toBe("CAB-001");
    if (!helmet) throw new Error("CAB-001 missing from the catalog");
    const related = catalog.related(helmet);
    expect(related.length).toBeGreaterThan(0);
    expect(related.every((p) => p.category === helmet?.category && p.sku !== "CAB-001")).toBe(true);
  });

  it("returns nothing for unrelated text", () => expect(top("¿dónde queda la tienda?")).toEqual([]));
});

describe("colour words describe, they don't name", () => {
  it.each([
    ["guantes negros", "MAN-"],
    ["botas amarillas", "CAL-"],
    ["¿tienen cascos blancos?", "CAB-"],
  ])("%s ranks products of the named kind above other products of that colour", (query, prefix) => {
    const hits = top(query, 4);
    expect(hits.length).toBeGreaterThan(0);
    for (const sku of hits) expect(sku.startsWith(prefix)).toBe(true);
  });

  it("still finds by colour alone when nothing else is named", () => {
    expect(top("algo amarillo", 4)).toEqual(expect.arrayContaining(["CAB-002", "ROP-002"]));
  });
});

describe("words the lexicon reads are not spelling guesses", () => {
  // "talla" is one letter from "tabla" and "rojo" from "rejo": neither is a misspelling of them.
  const index = createCatalogIndex([
    { ...loadProducts()[0], sku: "TAB-1", name: "Tabla espinal", description: "Tabla rígida", synonyms: [] },
    { ...loadProducts()[0], sku: "REJ-1", name: "Rejo de cuero", description: "Rejo trenzado", synonyms: [] },
  ] as never);
  it.each(["si no me sirve la talla", "lo tienen en rojo?"])("%s finds nothing", (q) => {
    expect(index.search(q).map((h) => h.product.sku)).toEqual([]);
  });
  it("a real misspelling still finds the product", () => {
    expect(index.search("tavla espinal").map((h) => h.product.sku)).toContain("TAB-1");
  });
});

describe("a word of the catalogue is not a misspelling of a kind", () => {
  // "pantalón" is a word of the rain suit's name, one slip from the visor's kind "pantalla".
  const base = loadProducts()[0];
  const index = createCatalogIndex([
    { ...base, sku: "PAN-1", name: "Pantalla facial", description: "Visor de policarbonato", synonyms: [] },
    { ...base, sku: "IMP-1", name: "Impermeable chaqueta y pantalón", description: "Traje de PVC", synonyms: [] },
  ] as never);
  it("names no kind", () => {
    expect(index.kindNamed("pantalon")).toBeNull();
  });
  it("a real misspelling of the kind still names it", () => {
    expect(index.kindNamed("pantaya")).toBe(index.kindNamed("pantalla"));
  });
});

describe("a hazard named instead of the product", () => {
  const base = loadProducts()[0];
  const index = createCatalogIndex([
    { ...base, sku: "GN-1", name: "Guante de nitrilo", description: "Resistente a químicos", synonyms: [] },
    { ...base, sku: "GV-1", name: "Guante de vaqueta", description: "Para trabajo con herramientas", synonyms: [] },
  ] as never);
  it.each(["algo pa las manos cuando uso limpiadores fuertes", "guantes para trabajar con cloro y desengrasante"])(
    "%s",
    (q) => {
      expect(index.search(q, { limit: 1 }).map((h) => h.product.sku)).toEqual(["GN-1"]);
    },
  );
});
