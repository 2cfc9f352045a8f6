import { describe, expect, it } from "vitest";
import { createCatalogIndex } from "../retrieval/catalog-index";
import { resolvePhrase } from "../retrieval/resolve";
import { converse, hardwareCompany, linesOf, product } from "../test-support/fixtures";
import { extractCart } from "./cart-mentions";

// A garden-and-hardware shop built here: kinds, codes and figures no catalogue file of the repository has.
const shop = createCatalogIndex([
  product("PAL-A", "Pala cuadrada tipo A con mango", "Pala de acero", 45000, 40),
  product("PAL-B", "Pala redonda tipo B con mango", "Pala de acero", 47000, 40),
  product("GUA-J", "Guante de jardín talla M", "Guante de lona", 9000, 200, {
    unit: "par",
    synonyms: ["guantes jardin"],
  }),
  product("REG-2", "Regadera plástica 2 litros", "Regadera verde", 15000, 50, {
    synonyms: ["regadera", "mojadora"],
  }),
  product("REG-10", "Regadera metálica 10 litros", "Regadera galvanizada", 38000, 20),
  product("AFI-1", "Afilado de machete", "Servicio de afilado en taller", 6000, 999, { unit: "servicio" }),
  product("MAC-18", "Machete 18 pulgadas", "Machete de acero al carbono", 28000, 60),
  product("MNG-1", "Mango de repuesto para pala", "Mango de madera", 12000, 80),
  product("ABO-G", "Abono líquido galón", "Galón de abono foliar", 21000, 30),
  product("SAC-1", "Saco de fique para cosecha", "Saco de 50 kg", 3000, 500),
  product("BOT-V", "Bota pantanera verde talla 40", "Bota de caucho para cultivo", 42000, 30, { unit: "par" }),
]);
const talk = (messages: string[]) => converse(shop, hardwareCompany(), messages);
const cart = (text: string) =>
  extractCart(text, shop).mentions.map((m) => [m.resolved?.sku ?? null, m.quantity] as const);

describe("a count corrected inside the message: the last one said stands", () => {
  it.each([
    ["quiero diez machetes de 18, no mentiras dose", [["MAC-18", 12]]],
    ["deme tres sacos de fique... no, cuatro... bueno déjelo en 2 nomás", [["SAC-1", 2]]],
  ])("%s", (text, expected) => {
    expect(cart(text)).toEqual(expected);
  });
});

describe("a label's one-letter value is not the conjunction 'e'", () => {
  it.each([
    ["palas tipo a", "PAL-A"],
    ["pala redonda tipo b con mango", "PAL-B"],
  ])("%s", (phrase, sku) => {
    expect(resolvePhrase(phrase, shop).resolved?.sku).toBe(sku);
  });

  it("'e' before a word that does not open with an i-sound never splits the product", () => {
    expect(cart("necesito 4 palas tipo b e de mango largo")).toEqual([["PAL-B", 4]]);
    expect(cart("necesito 4 palas tipo a y mangos de repuesto")).toEqual([
      ["PAL-A", 4],
      ["MNG-1", null],
    ]);
  });
});

describe("a list said without commas: each count that opens «N de …» starts an item", () => {
  it.each([
    [
      "una docena de guantes de jardin media docena de machetes",
      [
        ["GUA-J", 12],
        ["MAC-18", 6],
      ],
    ],
    [
      "me manda 3 de palas tipo a 2 de regaderas metalicas",
      [
        ["PAL-A", 3],
        ["REG-10", 2],
      ],
    ],
  ])("%s", (text, expected) => {
    expect(cart(text)).toEqual(expected);
  });

  it("a figure after 'de' stays the product's figure", () => {
    expect(cart("quiero 2 regaderas de 10 litros")).toEqual([["REG-10", 2]]);
  });
});

describe("nouns that share a cart verb's stem stay product words", () => {
  it.each([
    ["me manda 30 sacos", [["SAC-1", 30]]],
    ["agrégueme 2 regaderas metálicas", [["REG-10", 2]]],
  ])("%s", (text, expected) => {
    expect(cart(text)).toEqual(expected);
  });
});

describe("a service said for N goods counts N services", () => {
  it("afilado de 5 machetes", () => {
    expect(cart("hágame el afilado de 5 machetes")).toEqual([["AFI-1", 5]]);
  });
});

describe("a word only one row lists as a synonym names that row's whole kind", () => {
  it("the row's figure decides among the kind, not the synonym", () => {
    // «mojadora» is a synonym of the 2-litre can only; a customer who says it means any watering can.
    expect(resolvePhrase("mojadora de 10 litros", shop).resolved?.sku).toBe("REG-10");
  });
});

describe("a people count lent to an afterthought that restates the product is one line", () => {
  it("botas pa 6 trabajadores, las verdes talla 40", () => {
    const c = talk(["necesito botas pantaneras pa 6 trabajadores de la finca, las verdes talla 40"]);
    expect(linesOf(c.sale)).toEqual([["BOT-V", 6]]);
  });
});

describe("a want verb with an article and one fitting product is an order of one", () => {
  it.each([["necesito una regadera metalica pal jardin"], ["quiero un machete de 18 pulgadas"]])("%s", (text) => {
    const c = talk([text]);
    expect(c.last.intent).toBe("venta");
    expect(c.sale?.lines.length).toBe(1);
    expect(c.sale?.lines[0]?.quantity).toBe(1);
  });

  it("a request in the subjunctive orders too", () => {
    const c = talk(["es que en la finca necesitan un machete y una regadera metalica, que me mande uno de cada uno"]);
    expect(c.last.intent).toBe("venta");
    expect(linesOf(c.sale)).toEqual([
      ["MAC-18", 1],
      ["REG-10", 1],
    ]);
  });

  it("a message that opens with the article and a product orders one", () => {
    const c = talk(["un machete de 18 pulgadas pa la finca"]);
    expect(c.last.intent).toBe("venta");
    expect(linesOf(c.sale)).toEqual([["MAC-18", 1]]);
  });

  it("a question with the same words still only asks", () => {
    const c = talk(["necesito una regadera metalica, ¿cuánto vale?"]);
    expect(c.last.intent).toBe("inventario");
    expect(c.sale?.lines ?? []).toEqual([]);
  });
});

describe("a word that can be the speaker's verb is a noun after a preposition", () => {
  it("guantes de trabajo is a product question", () => {
    const c = talk(["Guantes de trabajo"]);
    expect(c.last.intent).toBe("inventario");
    expect(c.last.products.map((p) => p.sku)).toContain("GUA-J");
  });
  it("«trabajo en una finca» still describes the speaker", () => {
    expect(cart("trabajo en una finca")).toEqual([]);
  });
});

describe("a measure the product is sold in counts it when said before the product", () => {
  it.each([
    ["pa la finca 3 galones de abono liquido", [["ABO-G", 3]]],
    ["necesito 2 galones de abono", [["ABO-G", 2]]],
  ])("%s", (text, expected) => {
    expect(cart(text)).toEqual(expected);
  });
});

describe("a purpose said before the count is not the product", () => {
  it.each([
    ["pa la bodega de las palas 4 regaderas metalicas", [["REG-10", 4]]],
    ["para el cultivo 6 pares de guantes de jardin", [["GUA-J", 6]]],
  ])("%s", (text, expected) => {
    expect(cart(text)).toEqual(expected);
  });
});
