import { describe, expect, it } from "vitest";
import { hardwareCatalog, loadCatalog, loadRealCatalog, product } from "../test-support/fixtures";
import type { CatalogIndex } from "./catalog-index";
import { createCatalogIndex } from "./catalog-index";
import { resolvePhrase } from "./resolve";

const catalogs: Record<string, CatalogIndex> = {
  demo: loadCatalog(),
  real: loadRealCatalog(),
  hardware: hardwareCatalog(),
};
const nameOf = (catalog: CatalogIndex, sku: string | undefined) => (sku ? catalog.bySku(sku)?.name : undefined);

describe("one product fits: resolved", () => {
  it.each([
    ["demo", "cascos amarillos", "Casco de seguridad tipo I clase E amarillo con suspensión de 4 puntos"],
    ["demo", "guantes de baqueta", "Guante de vaqueta tipo ingeniero"],
    ["demo", "arnés de 4 argollas", "Arnés de cuerpo completo 4 argollas"],
    ["demo", "careta din 9-13", "Careta de soldar fotosensible autooscurecimiento DIN 9-13"],
    ["real", "extintor pqs de 9 kilos", "Extintor PQS 9kg"],
    ["real", "arnés de 2 argollas", "Arnés de seguridad"],
    ["real", "estintor de co2", "Extintor CO2 5lb"],
    ["real", "tapabocas n95", "Tapabocas N95"],
    // colours one product carries together
    ["real", "cinta amarilla con negro", "Cinta demarcación"],
    ["real", "cinta roja y blanca", "Cinta barricada"],
    // the same figure in another unit: 20 lb is 9 kg
    ["real", "extintor de 20 libras", "Extintor PQS 9kg"],
    ["hardware", "taladro de 650 w", "Taladro percutor 650 W"],
    ["hardware", "broca de 10 mm", "Broca para concreto 10 mm"],
    ["hardware", "pintura gris", "Pintura gris galón"],
    ["hardware", "martillo de 16 onzas", "Martillo de uña 16 onzas"],
  ])("%s: %s", (catalog, phrase, expected) => {
    const index = catalogs[catalog] as CatalogIndex;
    const r = resolvePhrase(phrase, index);
    expect(r.ambiguous).toBe(false);
    expect(r.resolved?.name).toBe(expected);
  });
});

describe("a modifier only one candidate's description carries names it", () => {
  // Short names, descriptive descriptions: how small shops write their catalogue.
  const belts = createCatalogIndex([
    product("CIN-D", "Cinturón dieléctrico", "Cinturón para electricista", 90000, 5),
    product("CIN-S", "Cinturón seguridad", "Cinturón de posicionamiento", 70000, 5),
    product("CIN-H", "Cinturón herramientas", "Cinturón porta herramientas", 40000, 5),
    product("FAJ-E", "Faja ergonómica", "Faja para levantamiento de carga", 25000, 9),
    product("FAJ-R", "Faja reflectiva", "Faja ajustable reflectante", 18000, 9),
  ]);
  it.each([
    ["cinturón de electricista", "CIN-D"],
    ["fajas de levantamiento de carga", "FAJ-E"],
  ])("%s", (phrase, sku) => {
    expect(resolvePhrase(phrase, belts).resolved?.sku).toBe(sku);
  });
  it.each([
    // a use ranks, it does not choose: other belts may do for it
    ["cinturón para posicionamiento"],
    // words before the named kind are not its modifiers
    ["para posicionamiento necesito un cinturón"],
  ])("%s is still asked about", (phrase) => {
    expect(resolvePhrase(phrase, belts).ambiguous).toBe(true);
  });
});

describe("a head noun that names no kind, for a kind named after it", () => {
  const visors = createCatalogIndex([
    product("CAR-F", "Careta facial", "Protector facial policarbonato", 30000, 9),
    product("CAR-M", "Montura careta", "Soporte para careta facial", 12000, 9),
    product("CAR-S", "Careta soldador", "Careta para soldar con visor", 45000, 9),
  ]);
  it("is the accessory whose row says it", () => {
    expect(resolvePhrase("soportes pa careta", visors).resolved?.sku).toBe("CAR-M");
  });
  it("a packaging word opening the phrase names no accessory", () => {
    const masks = createCatalogIndex([
      product("TAP-50", "Tapabocas desechable (caja x50)", "Tres capas", 20000, 9),
      product("RES-20", "Respirador N95 (caja x20)", "Para tapabocas de uso industrial", 90000, 9),
    ]);
    expect(resolvePhrase("cajas de tapabocas", masks).resolved?.sku).toBe("TAP-50");
  });
  it("a kind's own word opening the phrase keeps that kind", () => {
    expect(resolvePhrase("careta con soporte", visors).resolved?.sku).not.toBe("CAR-M");
  });
});

describe("a kind said only as the object of a purpose is what the wanted thing is for", () => {
  const shop = createCatalogIndex([
    product("TAL-1", "Taladro percutor 650 W", "Taladro con cable", 180000, 9),
    product("TAL-2", "Taladro inalámbrico 20 V", "Taladro de batería", 320000, 9),
    product("MAL-1", "Maletín organizador", "Maletín plástico para taladro y brocas", 45000, 9),
    product("SOP-1", "Soporte de pared", "Soporte metálico para colgar el taladro", 30000, 9),
    product("BRO-1", "Broca para concreto 8 mm", "Broca de tungsteno", 9000, 90),
  ]);
  const skus = (phrase: string) => resolvePhrase(phrase, shop).fitting.map((p) => p.sku);
  it.each(["qué tienen para guardar el taladro", "algo pa colgar en la pared donde va el taladro"])("%s", (phrase) => {
    const found = skus(phrase);
    expect(found).not.toContain("TAL-1");
    expect(found).not.toContain("TAL-2");
    expect(found.length).toBeGreaterThan(0);
  });
  it.each([
    "un taladro para perforar concreto",
    "vengo pa pedir un taladro percutor",
    "es para preguntarles por el taladro percutor",
  ])("the kind named before the purpose, or after a request verb, is still the wanted thing: %s", (phrase) => {
    expect(skus(phrase)).toContain("TAL-1");
  });
});

describe("a word for what the kind protects restates the kind; it picks no variant", () => {
  const shop = createCatalogIndex([
    product("TAP-E", "Tapones de espuma", "Tapones desechables", 1200, 500, { synonyms: ["tapones oído"] }),
    product("TAP-S", "Tapones de silicona con cordón", "Tapones reutilizables", 4500, 80),
    product("GUA-N", "Guantes de nitrilo", "Protegen las manos de químicos", 7800, 90),
    product("GUA-V", "Guantes de vaqueta", "Guantes de cuero", 15800, 90),
  ]);
  const resolve = (phrase: string) => resolvePhrase(phrase, shop);
  it.each([
    ["tapones pal oído", ["TAP-E", "TAP-S"]],
    ["unos guantes para las manos", ["GUA-N", "GUA-V"]],
  ])("%s asks among the kind", (phrase, options) => {
    const found = resolve(phrase);
    expect(found.resolved).toBeNull();
    expect(found.options.map((p) => p.sku).sort()).toEqual([...options].sort());
  });
  it("a word that does set one apart still names it", () => {
    expect(resolve("tapones de silicona pal oído").resolved?.sku).toBe("TAP-S");
  });
  it("a hazard the name itself says is a variant", () => {
    const detectors = createCatalogIndex([
      product("DET-H", "Detector humo", "Detector óptico", 38000, 40),
      product("DET-G", "Detector gas", "Detector de gases portátil", 85000, 20),
    ]);
    expect(resolvePhrase("2 detectores de humo", detectors).resolved?.sku).toBe("DET-H");
    expect(resolvePhrase("2 detetores de umo", detectors).resolved?.sku).toBe("DET-H");
  });
});

describe("a need that the lexicon answers with a word of some variants' labels narrows to them", () => {
  it.each([
    ["guantes pa un electricista", "Guantes dieléctricos"],
    ["botas para electricista", "Botas dieléctricas"],
    ["botas pa la lluvia", "Botas PVC"],
    ["guantes pa quimicos", "Guantes neopreno"],
  ])("real: %s", (phrase, expected) => {
    expect(resolvePhrase(phrase, catalogs.real as CatalogIndex).resolved?.name).toBe(expected);
  });
  it("a need no variant's label answers leaves the kind to ask", () => {
    const r = resolvePhrase("guantes para soldar", catalogs.real as CatalogIndex);
    expect(r.resolved).toBeNull();
    expect(r.options.length).toBeGreaterThan(1);
  });
});

describe("what the customer rules out with «no» or «sin»", () => {
  const demo = catalogs.demo as CatalogIndex;
  it.each([
    ["orejeras de copa, no las de casco", "AUD-003"],
    ["orejeras de copa que no sean para casco", "AUD-003"],
  ])("%s", (phrase, sku) => {
    expect(resolvePhrase(phrase, demo).resolved?.sku).toBe(sku);
  });
  it("an attribute ruled out leaves the products without it", () => {
    const r = resolvePhrase("un extintor que no sea de co2", demo);
    expect(r.fitting.length).toBeGreaterThan(1);
    expect(r.fitting.some((p) => /co2/i.test(p.name))).toBe(false);
  });
  it("a «no» opening the phrase refuses something else; the kind stays", () => {
    expect(resolvePhrase("no, los cascos blancos", demo).options.map((p) => p.sku)).toEqual(
      resolvePhrase("los cascos blancos", demo).options.map((p) => p.sku),
    );
  });
});

describe("a diminutive names the product its base word names", () => {
  const shop = createCatalogIndex([
    product("SEL-1", "Sello plástico", "Sello de seguridad", 400, 900),
    product("CON-1", "Cono de señalización", "Cono naranja 75 cm", 9000, 60),
    product("BOT-1", "Botiquín portátil", "Botiquín con insumos básicos", 27000, 30),
    product("CAS-1", "Casco de seguridad", "Casco industrial", 29000, 80),
    product("GUA-1", "Guantes de nitrilo", "Guantes desechables", 7800, 90),
  ]);
  it.each([
    ["unos sellitos plásticos", "SEL-1"],
    ["conitos naranja", "CON-1"],
    ["un botiquincito", "BOT-1"],
    ["un casquito", "CAS-1"],
    ["guantecitos de nitrilo", "GUA-1"],
  ])("%s", (phrase, sku) => {
    expect(resolvePhrase(phrase, shop).resolved?.sku).toBe(sku);
  });
});

describe("a misspelt modifier narrows as the word it is a slip for", () => {
  const shop = createCatalogIndex([
    product("GV-1", "Guantes vaqueta", "Guantes reforzados", 15800, 40),
    product("GN-1", "Guantes nitrilo", "Guantes resistentes", 7800, 90),
    product("GL-1", "Guantes latex", "Guantes desechables", 850, 900),
  ]);
  it.each([
    ["dos pares de guantes de vakueta", "GV-1"],
    ["guantes de nitrylo", "GN-1"],
  ])("%s", (phrase, sku) => {
    expect(resolvePhrase(phrase, shop).resolved?.sku).toBe(sku);
  });
  it("a word the catalogue lacks and that is no slip picks nothing", () => {
    expect(resolvePhrase("guantes pa la moto", shop).resolved).toBeNull();
  });
});

describe("a verb form of a service's noun names the service", () => {
  const shop = createCatalogIndex([
    product("REC-1", "Recarga de extintor ABC 10 lb", "Servicio de recarga", 25000, 999, { unit: "servicio" }),
    product("EXT-1", "Extintor ABC 10 lb", "Extintor multipropósito", 98000, 40),
  ]);
  it.each(["necesito que me recarguen 8 extintores abc de 10 lb", "cuánto cobran si les recargamos 3 extintores"])(
    "%s",
    (phrase) => {
      expect(resolvePhrase(phrase, shop).resolved?.sku).toBe("REC-1");
    },
  );
  it("the goods themselves are still the goods", () => {
    expect(resolvePhrase("necesito 8 extintores abc de 10 lb", shop).resolved?.sku).toBe("EXT-1");
  });
});

describe("a word that only a synonym makes a kind", () => {
  const shop = createCatalogIndex([
    product("BOT-A", "Bota de caucho caña alta", "Bota negra", 64000, 40),
    product("BOT-B", "Bota de caucho blanca", "Bota sanitaria", 52000, 40),
    product("CHA-1", "Chaleco reflectivo naranja", "Chaleco", 14900, 80, { synonyms: ["alta visibilidad"] }),
    product("CHA-2", "Chaleco reflectivo amarillo", "Chaleco", 32000, 60, { synonyms: ["alta visibilidad"] }),
  ]);
  it("names nothing when a product of another kind carries every word said", () => {
    expect(resolvePhrase("las de caña alta", shop).resolved?.sku).toBe("BOT-A");
  });
  it("still names its kind when said as the synonym", () => {
    expect(
      resolvePhrase("chalecos de alta visibilidad", shop)
        .options.map((p) => p.sku)
        .sort(),
    ).toEqual(["CHA-1", "CHA-2"]);
  });
});

describe("what a product prevents, said as the thing prevented", () => {
  const shop = createCatalogIndex([
    product("GAF-C", "Gafas claras", "Gafas de policarbonato", 8500, 90),
    product("GAF-A", "Gafas antiempañantes", "Gafas de policarbonato", 13000, 40),
    product("TAP-A", "Tapete antideslizante", "Tapete de caucho", 22000, 20),
    product("TAP-S", "Tapete sanitizante", "Tapete con esponja", 13000, 20),
  ]);
  it.each([
    ["gafas que no se empañen", "GAF-A"],
    ["un tapete pa que no se deslice la gente", "TAP-A"],
  ])("%s", (phrase, sku) => {
    expect(resolvePhrase(phrase, shop).resolved?.sku).toBe(sku);
  });
  it("without it the kind still asks", () => {
    expect(resolvePhrase("gafas", shop).resolved).toBeNull();
  });
});

describe("a kind said only in a complement is what the product is made of", () => {
  const shop = createCatalogIndex([
    product("ESP-1", "Espuma antiincendios", "Espuma extinguente 5L", 60000, 9),
    product("TAP-1", "Tapaoídos desechable", "Taponcillos de espuma para oídos", 1500, 90),
    product("GUA-1", "Guante de nitrilo", "Guante desechable", 900, 90),
  ]);
  it("the product whose own words cover the phrase is meant", () => {
    expect(resolvePhrase("tapones de espuma para los oidos", shop).resolved?.sku).toBe("TAP-1");
  });
  it("a packaging word before the kind keeps the kind", () => {
    expect(resolvePhrase("cajas de espuma", shop).resolved?.sku).toBe("ESP-1");
  });
});

describe("several fit equally: the customer is asked, nothing is guessed", () => {
  it.each([
    ["real", "extintor", 4],
    ["real", "extintores pqs", 2],
    ["real", "guantes de trabajo", 7],
    ["demo", "extintor de 10 libras", 2],
    ["demo", "cascos blancos", 2],
    ["hardware", "taladro", 2],
    ["hardware", "escaleras de aluminio", 2],
  ])("%s: %s", (catalog, phrase, options) => {
    const r = resolvePhrase(phrase, catalogs[catalog] as CatalogIndex);
    expect(r.resolved).toBeNull();
    expect(r.ambiguous).toBe(true);
    expect(r.options).toHaveLength(Math.min(options, 6));
  });

  it("ranks a product whose description speaks of the use first, without choosing it", () => {
    const r = resolvePhrase("extintores para bodegas", catalogs.demo as CatalogIndex);
    expect(r.ambiguous).toBe(true);
    expect(r.options[0]?.sku).toBe("INC-002");
  });
});

describe("the named figure does not exist: the nearest of that kind are offered", () => {
  it.each([
    ["real", "extintor de 30 libras", ["Extintor PQS 9kg", "Extintor PQS 6kg"]],
    ["hardware", "broca de 12 mm", ["Broca para concreto 10 mm", "Broca para concreto 8 mm"]],
    ["hardware", "escalera de 6 pasos", ["Escalera de aluminio 5 pasos", "Escalera de aluminio 7 pasos"]],
  ])("%s: %s", (catalog, phrase, nearest) => {
    const index = catalogs[catalog] as CatalogIndex;
    const r = resolvePhrase(phrase, index);
    expect(r.resolved).toBeNull();
    expect(r.nearest.slice(0, 2).map((p) => p.name)).toEqual(nearest);
  });
});

describe("what never names a product", () => {
  it.each([
    ["demo", "mil gracias"],
    ["real", "mil gracias muy amable"],
    ["hardware", "buenas tardes"],
    // a request verb is no product word, however close one is ("pasa" / "Pala emergencia")
    ["real", "me pasa"],
    ["real", "me pasa los precios porfa"],
  ])("%s: %s", (catalog, phrase) => {
    const r = resolvePhrase(phrase, catalogs[catalog] as CatalogIndex);
    expect(r.resolved).toBeNull();
    expect(r.options).toEqual([]);
  });

  it("a phrase read inside a set picks nothing when none of it matches", () => {
    const index = catalogs.hardware as CatalogIndex;
    const within = index.ofKind("escalera");
    expect(nameOf(index, resolvePhrase("la de 7", index, { within }).resolved?.sku)).toBeUndefined();
    expect(resolvePhrase("nombre completo", index, { within }).resolved).toBeNull();
  });
});

describe("families for a catalogue overview", () => {
  it("uses real categories when the catalogue has them", () => {
    const names = (catalogs.demo as CatalogIndex).families().map((f) => f.name);
    expect(names).toContain("Protección para la cabeza");
  });

  it.each([
    ["real", ["Guantes", "Extintores", "Cascos"]],
    ["hardware", ["Taladros", "Brocas", "Escaleras"]],
  ])("%s: groups a flat catalogue by kind of product", (catalog, expected) => {
    const families = (catalogs[catalog] as CatalogIndex).families();
    expect(families.map((f) => f.name)).toEqual(expect.arrayContaining(expected));
    expect(families.some((f) => /general/i.test(f.name))).toBe(false);
  });
});

describe("a synonym that opens with a code names that kind for every product it belongs to", () => {
  const index = createCatalogIndex([
    product("LL-1", "Llanta rin 15 185/65", "Llanta radial para automóvil", 320000, 8, { synonyms: ["r15"] }),
    product("LL-2", "Llanta rin 15 reforzada 195/70", "Llanta de carga", 410000, 6, {
      synonyms: ["r15 camioneta"],
    }),
    product("RT-1", "Rin de aluminio 15", "Rin deportivo", 250000, 4, { synonyms: ["rin 15"] }),
  ]);
  it.each([
    ["r15 para camioneta", "LL-2"],
    ["2 r15 camioneta", "LL-2"],
  ])("%s", (phrase, sku) => {
    expect(resolvePhrase(phrase, index).resolved?.sku).toBe(sku);
  });
  it("the bare code fits both products it names, so the customer is asked", () => {
    const r = resolvePhrase("r15", index);
    expect(r.resolved).toBeNull();
    expect(r.options.map((p) => p.sku).sort()).toEqual(["LL-1", "LL-2"]);
  });
});

describe("codes said together narrow together", () => {
  const index = createCatalogIndex([
    product("F-1", "Filtro de aire K20 modelo 3000", "Filtro para compresor", 45000, 10, { synonyms: ["k20"] }),
    product("F-2", "Filtro de aire K20 modelo 4500", "Filtro para compresor grande", 52000, 10, { synonyms: ["k20"] }),
  ]);
  it("the product carrying every code said is the one", () => {
    expect(resolvePhrase("filtro k20 4500", index).resolved?.sku).toBe("F-2");
  });
  it("one shared code alone still asks", () => {
    expect(resolvePhrase("filtro k20", index).options).toHaveLength(2);
  });
});
