import { describe, expect, it } from "vitest";
import type { SaleSnapshot } from "@/lib/sales/types";
import { type ClassifierContext, classifyIntent } from "@/lib/agent/understanding/intent";
import { findCompanySections } from "@/lib/agent/retrieval/company";
import { extractCart } from "@/lib/agent/understanding/cart-mentions";
import { extractCustomerData } from "@/lib/agent/analysis/customer-data";
import { singularArticleQuantity } from "@/lib/agent/understanding/sale-events";
import { loadCatalog, loadCompany } from "@/lib/agent/test-support/fixtures";
import type { Intent } from "./types";
import { variantSwitchEvents } from "@/lib/agent/understanding/sibling-swap";

const catalog = loadCatalog();
const lines = (text: string) =>
  extractCart(text, catalog).mentions.map((m) => [m.resolved?.sku ?? (m.ambiguous ? "AMBIGUOUS" : null), m.quantity]);

describe("cart extraction: corrections, questions and asides inside one message", () => {
  it.each([
    // self-correction, with and without punctuation
    ["dame 10 chalecos brigadista, no mejor 12", [["ROP-002", 12]]],
    ["dame 10 chalecos brigadista no mejor 12", [["ROP-002", 12]]],
    ["agrégame 6 barbuquejos... perdón, que sean 8", [["CAB-005", 8]]],
    ["quiero 30 filtros P100 2091, no espere, mejor 25", [["RES-005", 25]]],
    // "de cada uno" spreads the number over every product named
    [
      "un extintor ABC de 10 libras y una señal de extintor, deme dos de cada uno",
      [
        ["INC-001", 2],
        ["SEN-002", 2],
      ],
    ],
    // a purpose remark is not a second product; the trailing number belongs to the named one
    ["el kit de derrames de 20 galones, lo necesito para la bodega, mándeme uno", [["AUX-005", 1]]],
    // a price question next to an order is not a line
    ["Quiero 2 extintores de CO2 de 10 libras y ¿cuánto sale la recarga del ABC de 10?", [["INC-003", 2]]],
    // the number after a question about a product is the order, not the number inside the question
    ["¿Tienen la pinza de bloqueo para 6 candados? necesito 5", [["LOT-002", 5]]],
    // an ambiguous afterthought that fits the product just named restates it
    ["unos guantes que aíslan la corriente, los dieléctricos, ¿me vende un par?", [["MAN-007", 1]]],
    // request words before "de N" do not make the number an attribute
    ["Solicito cotización de 35 respiradores de media cara serie 6200 talla M", [["RES-003", 35]]],
  ])("%s", (text, expected) => {
    expect(lines(text)).toEqual(expected);
  });

  it.each([
    ["dame 10 chalecos brigadista, no mejor 12", "add"],
    ["cambie los conos a 25", "set"],
    ["mejor que sean 12", "set"],
  ])("a number fixed within the message stays an addition: %s → %s", (text, kind) => {
    expect(extractCart(text, catalog).kind).toBe(kind);
  });

  it("keeps what the customer says stays when removing", () => {
    const cart = extractCart("quite los guantes, solo las botas", catalog);
    expect(cart.kind).toBe("remove");
    expect(cart.mentions.map((m) => m.phrase)).toEqual(["los guantes"]);
  });
});

describe("singular article as one unit", () => {
  it.each([
    ["quiero el gabinete con vidrio", 1],
    ["quiero la careta facial", 1],
    ["quiero gabinetes para extintor", null],
    ["los gabinetes con vidrio", null],
  ])("%s → %s", (text, expected) => {
    const mention = extractCart(text, catalog).mentions[0];
    expect(mention && singularArticleQuantity(mention)).toBe(expected);
  });
});

describe("swapping the last line for a sibling product", () => {
  const saleWith = (sku: string, quantity: number, pending: SaleSnapshot["pending"] = null): SaleSnapshot => ({
    state: "pendiente",
    lines: [{ sku, name: sku, quantity, unitPrice: 1 }],
    customer: {},
    pending,
  });
  it.each([
    [
      "las blancas",
      saleWith("CAL-003", 6),
      [
        { type: "remove", sku: "CAL-003" },
        { type: "add", sku: "CAL-004", quantity: 6 },
      ],
    ],
    [
      "el amarillo",
      saleWith("CAB-001", 5),
      [
        { type: "remove", sku: "CAB-001" },
        { type: "add", sku: "CAB-002", quantity: 5 },
      ],
    ],
    // a new product request, a quantity, or another category is not a swap
    ["las gafas oscuras", saleWith("CAL-003", 6), null],
    ["10 blancas", saleWith("CAL-003", 6), null],
    ["las blancas", null, null],
  ])("%s", (text, sale, expected) => {
    expect(variantSwitchEvents(extractCart(text, catalog), sale, catalog)).toEqual(expected);
  });
});

describe("intent for personas' phrasings", () => {
  const none: ClassifierContext = { saleState: null, hasOpenCart: false };
  const product: ClassifierContext = { ...none, mentionsProduct: true };
  const afterAdding: ClassifierContext = {
    saleState: "pendiente",
    hasOpenCart: true,
    previousIntent: "venta",
    mentionsProduct: true,
  };
  it.each<[string, ClassifierContext, Intent]>([
    ["pasme 2 lineas de vida vertical", product, "venta"],
    ["Favor incluir en el pedido 6 gabinetes para extintor", product, "venta"],
    ["una docena de gafas oscuras", product, "venta"],
    ["un par de eslingas de posicionamiento", product, "venta"],
    ["un extintor pa la cocina", product, "inventario"],
    ["¿Qué compras ha hecho la cédula 31.456.789?", none, "cliente"],
    ["cuánto nos ha comprado Agroindustrias del Pacífico", none, "cliente"],
    ["jajaja bacano el bot, cómo estás?", product, "contexto"],
    ["¿en qué parte de Cali quedan?", none, "contexto"],
    ["¿Se pueden cambiar las botas si me quedan pequeñas?", product, "contexto"],
    ["¿me pueden asesorar con la matriz de riesgos?", none, "contexto"],
    ["las blancas", afterAdding, "venta"],
    ["¿las blancas?", { ...afterAdding, previousIntent: "inventario" }, "inventario"],
  ])("%s → %s", (text, ctx, intent) => {
    expect(classifyIntent(text, ctx)).toBe(intent);
  });

  it.each([
    ["¿en qué parte de Cali quedan?", "Ubicación y horario"],
    ["¿me pueden asesorar con la matriz de riesgos?", "Qué hacemos"],
    ["¿Se pueden cambiar las botas si me quedan pequeñas?", "Garantía y devoluciones"],
  ])("%s answers from %s", (text, title) => {
    expect(findCompanySections(loadCompany(), text).sections.map((s) => s.title)).toContain(title);
  });
});

describe("a name whose surname is also a town", () => {
  it.each([
    ["Jhon Jairo Mosquera cc 16.789.432 cel 3157778899 dir cra 15 #26-40 cali", "Jhon Jairo Mosquera", "Cali"],
    ["Andrés Felipe Cárdenas, cédula 94.512.367, teléfono 3128889900, Yumbo", "Andrés Felipe Cárdenas", "Yumbo"],
  ])("%s", (text, name, city) => {
    const { data } = extractCustomerData(text);
    expect(data.name).toBe(name);
    expect(data.city).toBe(city);
  });
});

describe("neighbourhood names of several words", () => {
  it.each([
    ["dir cra 15 #26-40 barrio el Guabal cali", "cra 15 #26-40 barrio el Guabal", "Cali"],
    ["dirección Calle 44 # 8-12 barrio Alfonso López, Cali", "Calle 44 # 8-12 barrio Alfonso López", "Cali"],
    ["Calle 5 # 38-25 barrio San Fernando y el cel 3104567890", "Calle 5 # 38-25 barrio San Fernando", undefined],
    ["Calle 31 # 28-15 barrio Zamorano, Palmira", "Calle 31 # 28-15 barrio Zamorano", "Palmira"],
  ])("%s", (text, address, city) => {
    const { data } = extractCustomerData(text);
    expect(data.address).toBe(address);
    expect(data.city).toBe(city);
  });
});
