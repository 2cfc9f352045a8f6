import { describe, expect, it } from "vitest";
import type { Attribute } from "../types";
import { readAttributes } from "./attributes";
import { readClause, splitClauses } from "./clauses";
import { replaceNumberWords } from "./numbers";

const clauses = (text: string) =>
  splitClauses(text).map((c) => {
    const clause = readClause(c.tokens);
    return [clause.quantity, clause.unit, clause.phraseTokens.join(" ")];
  });

describe("number words, misspellings included, by one mechanism", () => {
  it("reads misspellings only in what a customer writes", () => {
    expect(replaceNumberWords(["dosena", "de"])).toEqual(["dosena", "de"]);
  });

  it.each([
    ["una docena", ["12"]],
    ["media docena", ["6"]],
    ["dos docenas", ["24"]],
    ["una docena y media", ["18"]],
    ["treinta y cinco", ["35"]],
    ["mil", ["1000"]],
    ["una dosena de", ["12", "de"]],
    ["beinte chalecos", ["20", "chalecos"]],
    ["trese conos", ["13", "conos"]],
    ["kinse pares", ["15", "pares"]],
    ["sinco cajas", ["5", "cajas"]],
    ["dies guantes", ["10", "guantes"]],
    // a letter dropped from a long number word
    ["trenta pares", ["30", "pares"]],
    ["cuarnta cascos", ["40", "cascos"]],
    // a diphthong written as one vowel, in a short number word too
    ["sete petos", ["7", "petos"]],
    ["neve cascos", ["9", "cascos"]],
    ["catro botas", ["4", "botas"]],
    // a word that merely sounds like a number, where no quantity stands, stays a word
    ["lo siento", ["lo", "siento"]],
    ["siento que", ["siento", "que"]],
    // two number words that cannot make one number are two numbers
    ["de metro veinte dos de esas", ["de", "metro", "20", "2", "de", "esas"]],
    // a word that is the name of an Object member is only a word
    ["un constructor", ["1", "constructor"]],
    ["media constructor", ["media", "constructor"]],
  ])("%s", (text, expected) => {
    expect(replaceNumberWords(text.split(" "), { typos: true })).toEqual(expected);
  });
});

describe("numbers that belong to an attribute are never quantities", () => {
  it.each([
    ["3 caretas de soldar fotosensibles din 9-13", [[3, null, "caretas de soldar fotosensibles din 9-13"]]],
    ["2 pares de botas talla 42", [[2, "par", "botas talla 42"]]],
    ["4 extintores de 10 libras", [[4, null, "extintores de 10 libras"]]],
    ["20 tapabocas n95", [[20, null, "tapabocas n95"]]],
    ["6 tapones nrr 32", [[6, null, "tapones nrr 32"]]],
    ["2 extintores de 2.5 galones", [[2, null, "extintores de 2.5 galones"]]],
    ["un arnes de 4 argollas", [[1, null, "arnes de 4 argollas"]]],
    ["3 taladros de 650 w", [[3, null, "taladros de 650 w"]]],
    ["la recarga del abc de 10", [[null, null, "la recarga del abc de 10"]]],
    ["una dosena de guantes", [[12, null, "guantes"]]],
    ["una docena de pares de tapones", [[12, "par", "tapones"]]],
    ["3 galones de pintura blanca", [[3, "galon", "pintura blanca"]]],
    // what the goods are for is counted apart from them
    ["necesito 6 para las tres plantas", [[6, null, "para las 3 plantas"]]],
    ["botas talla 40 y si hay en 42", [[null, null, "botas talla 40 y si hay en 42"]]],
    [
      "la valla de metro veinte, dos de esas",
      [
        [null, null, "la valla de metro 20"],
        [2, null, ""],
      ],
    ],
    ["guantes talla l 4 pares", [[4, "par", "guantes talla l"]]],
    // «x N» after the product counts it; after a pack word it is the pack's size
    ["ducha de emergencia x 1", [[1, null, "ducha de emergencia x"]]],
    ["guantes de nitrilo caja x 100", [[null, null, "guantes de nitrilo caja x 100"]]],
  ])("%s", (text, expected) => {
    expect(clauses(text)).toEqual(expected);
  });

  it("a copula's article is not one unit, and a request verb after «y» starts another product", () => {
    expect(clauses("somos una empresa y queremos 4 extintores")).toEqual([
      [null, null, "somos empresa"],
      [4, null, "queremos extintores"],
    ]);
  });
});

describe("attributes read the same way from a request and from a product row", () => {
  const read = (text: string, side?: "product" | "request") => readAttributes(text, undefined, side).attributes;
  it.each<[string, Attribute[]]>([
    ["extintor de 20 lb", [{ kind: "measure", value: 20, unit: "lb", dimension: "masa" }]],
    ["Extintor PQS 6kg", [{ kind: "measure", value: 6, unit: "kg", dimension: "masa" }]],
    ["botas talla 42", [{ kind: "label", label: "talla", value: "42" }]],
    ["guantes talla L", [{ kind: "size", value: "l" }]],
    ["careta din 9-13", [{ kind: "label", label: "din", value: "9-13" }]],
    ["cascos amarrillos", [{ kind: "colour", value: "amarillo" }]],
    ["respirador N95", [{ kind: "code", value: "n95" }]],
    ["arnés de 4 argollas", [{ kind: "label", label: "argoll", value: "4" }]],
  ])("%s", (text, expected) => {
    expect(read(text)).toEqual(expect.arrayContaining(expected));
  });

  it("counts parts anywhere in a product row, but in a request only after «de»/«con»", () => {
    expect(read("Arnés full body 2 argollas", "product")).toEqual([{ kind: "label", label: "argoll", value: "2" }]);
    expect(read("quiero 2 arneses")).toEqual([]);
  });
});
