import { describe, expect, it } from "vitest";
import { analyze, foldText, normalizeForSearch, replaceNumberWords, stem, tokenize } from "./normalize";

describe("foldText / tokenize", () => {
  it.each([
    ["Extintóres ÑANDÚ", "extintores nandu"],
    ["  Guantes   de   VAQUETA ", "guantes de vaqueta"],
  ])("folds %s", (input, expected) => expect(foldText(input)).toBe(expected));

  it.each([
    ["20lb", ["20", "lb"]],
    ["1.000 V", ["1000", "v"]],
    ["2.5 galones", ["2.5", "galones"]],
    ["n95 8210", ["n95", "8210"]],
  ])("tokenizes %s", (input, expected) => expect(tokenize(input)).toEqual(expected));
});

describe("stem", () => {
  it.each([
    ["cascos", "casco"],
    ["guantes", "guante"],
    ["botas", "bota"],
    ["extintores", "extintor"],
    ["reflectivos", "reflectivo"],
    ["botiquines", "botiquin"],
    ["arneses", "arnes"],
    ["soldar", "soldador"],
    ["soldadura", "soldador"],
    ["dielectricas", "dielectrico"],
    ["blancas", "blanco"],
    ["vapores", "vapor"],
    // A singular ending in -e after a consonant: its plural's "-es" and its own "-e" go the same way.
    ["grandes", "grande"],
    ["verdes", "verde"],
    ["cables", "cable"],
    ["dobles", "doble"],
    ["nombres", "nombre"],
    ["clases", "clase"],
    ["resistentes", "resistente"],
  ])("%s and %s share a stem", (a, b) => expect(stem(a)).toBe(stem(b)));
});

describe("number words", () => {
  it.each([
    ["doce", ["12"]],
    ["veinte", ["20"]],
    ["treinta y cinco", ["35"]],
    ["una caja", ["1", "caja"]],
    ["un par", ["1", "par"]],
    ["media docena", ["6"]],
    ["una docena", ["12"]],
    ["dos docenas", ["24"]],
    ["doscientos cincuenta", ["250"]],
    ["amarilla y negra", ["amarilla", "y", "negra"]],
    // "una sola", "un solo": just one, whatever follows is what there is one of.
    ["de una sola argolla", ["de", "1", "argolla"]],
    ["un solo par", ["1", "par"]],
    ["solo una", ["solo", "1"]],
  ])("%s", (input, expected) => expect(replaceNumberWords(input.split(" "))).toEqual(expected));
});

describe("analyze", () => {
  it.each([
    ["3 extintores ABC de 10 libras", ["3", "extintor", "abc", "10", "10lb"]],
    ["extintor 20lb", ["extintor", "20", "20lb"]],
    ["botas talla 40", ["bota", "40", "talla40"]],
    ["¿Cuánto vale el casco?", ["casc"]],
  ])("%s", (input, expected) => expect(analyze(input)).toEqual(expected));

  it("drops stop words and articles", () => expect(analyze("quiero un casco para la obra")).toEqual(["casc", "obra"]));
  it("normalizeForSearch joins terms", () => expect(normalizeForSearch("Guantes de Nitrilo")).toBe("guant nitril"));
});
