import { describe, expect, it } from "vitest";
import { createCatalogIndex } from "../retrieval/catalog-index";
import { hardwareCatalog, loadCatalog, loadRealCatalog, product } from "../test-support/fixtures";
import { extractCart } from "../understanding/cart-mentions";
import { readPrices } from "./prices";
import { readSignals } from "./signals";

// Phrasings written for these mechanisms, not taken from any evaluation set.
describe("prices are never quantities nor product words", () => {
  const shown = new Set([45_000, 120_000]);
  it.each([
    ["me deja 4 botas en 40 mil cada una", "me deja 4 botas", [40_000]],
    ["le pago a 45 por unidad", "le pago", [45_000]],
    ["quedo en $ 120.000 el par", "quedo el par", [120_000]],
    ["por 100k las dos", "las dos", [100_000]],
  ])("%s", (text, rest, prices) => {
    const reading = readPrices(text, shown);
    expect(reading.text).toBe(rest);
    expect(reading.prices).toEqual(prices);
  });
  it.each([
    "necesito 1.000 tapones auditivos",
    "mándeme 3 mil bolsas rojas",
    "una cinta a 5 metros de altura",
    "por 2 cajas de guantes",
  ])("leaves counts and measures alone: %s", (text) => {
    expect(readPrices(text, shown).prices).toEqual([]);
  });
});

describe("putting the decision off is not a confirmation", () => {
  it.each([
    ["ok, el viernes te confirmo", false],
    ["vale, déjame consultarlo con el jefe", false],
    ["listo, tengo que revisar con compras primero", false],
    ["sí señor, confirmo", true],
    ["confirmo, pero la entrega que sea el lunes", true],
  ])("%s", (text, confirms) => {
    expect(readSignals(text).confirm).toBe(confirms);
  });
});

// "bueno", "ok", "listo" open all kinds of replies; alone (or with another yes) they accept, with more they don't.
describe("a weak yes followed by something else is not a confirmation", () => {
  it.each([
    ["bueno, ahí miro", false],
    ["ok, y el envío cuánto vale", false],
    ["listo, la dirección cambió a la calle 8", false],
    ["bueno", true],
    ["ok listo", true],
    ["bueno pues, sí confirmo", true],
    ["listo señor", true],
    ["dale, confirmo", true],
  ])("%s", (text, confirms) => {
    const signals = readSignals(text);
    expect(signals.confirm && !signals.weakYes).toBe(confirms);
  });
  it.each([
    ["si no les queda la talla se pueden cambiar?", false],
    ["sí, ¿me confirma la fecha de entrega?", false],
    ["¿listo entonces?", false],
    ["confirmo, ¿cuándo llega?", true],
  ])("a question: %s", (text, confirms) => {
    expect(readSignals(text).confirm).toBe(confirms);
  });
  it("nor is it a greeting", () => {
    expect(readSignals("bueno, ahí miro").greeting).toBe(false);
    expect(readSignals("buenas tardes").greeting).toBe(true);
  });
});

describe("counts framed by people, repeats and request nouns", () => {
  const demo = loadCatalog();
  const real = loadRealCatalog();
  const lines = (text: string, catalog = demo, lastLineQuantity: number | null = null) =>
    extractCart(text, catalog, { lastLineQuantity })
      .mentions.filter((m) => m.resolved || m.quantity !== null)
      .map((m) => [m.resolved?.name ?? m.phrase, m.quantity]);

  it("a count of people gives every product named beside it that many", () => {
    const read = lines("gafas claras y tapones auditivos para 7 operarios");
    expect(read).toHaveLength(2);
    expect(read.map(([, q]) => q)).toEqual([7, 7]);
  });
  it("a repeat cue takes the number said before it, else the cart's last line", () => {
    expect(lines("8 arneses y un mosquetón por cada uno", demo).map(([, q]) => q)).toEqual([8, 8]);
    expect(lines("y un gabinete para cada uno", real, 5).map(([, q]) => q)).toEqual([5]);
  });
  it("an article before a purpose or a request noun is not a count", () => {
    expect(lines("para una obra en Yumbo: 12 chalecos naranja").map(([, q]) => q)).toEqual([12]);
    expect(lines("quisiera una cotización de 9 conos").map(([, q]) => q)).toEqual([9]);
    expect(lines("un arnés de 4 argollas").map(([, q]) => q)).toEqual([1]);
  });
  it("a word that sounds like a number is not one", () => {
    expect(lines("2 cascos nuevos").map(([, q]) => q)).toEqual([2]);
  });
});

describe("clauses that give a reason name nothing", () => {
  const hardware = hardwareCatalog();
  const read = (text: string) =>
    extractCart(text, hardware)
      .mentions.filter((m) => m.resolved || m.quantity !== null)
      .map((m) => [m.resolved?.sku ?? m.phrase, m.quantity]);
  it.each([
    ["3 martillos, porque somos 3 en la obra", [["MAR-16", 3]]],
    ["2 serruchos, ya que se nos partieron 2", [["SER-24", 2]]],
    ["3 martillos, que sean de 16 onzas", [["MAR-16", 3]]],
    ["ay no espere, que los serruchos sean 4", [["SER-24", 4]]],
  ])("%s", (text, expected) => {
    expect(read(text)).toEqual(expected);
  });
  it("a request opened by «es que» is still a request", () => {
    expect(read("es que necesito 2 serruchos")).toEqual([["SER-24", 2]]);
  });
});

describe("number words in the catalogue read as the figures customers type", () => {
  const shop = createCatalogIndex([
    product("CIN-3", "Cinta de tres capas", "Cinta de enmascarar", 4000, 50),
    product("CIN-1", "Cinta de una capa", "Cinta de enmascarar", 2500, 50),
  ]);
  it.each(["cinta de 3 capas", "cinta de tres capas"])("%s", (text) => {
    expect(extractCart(`2 ${text}`, shop).mentions[0]?.resolved?.sku).toBe("CIN-3");
  });
});
