import { describe, expect, it } from "vitest";
import { hardwareCompany, loadCompany, loadRealCompany } from "../test-support/fixtures";
import { type CompanySections, companyTopicsIn, findCompanySections } from "./company";

const texts: Record<string, CompanySections> = {
  demo: loadCompany(),
  real: loadRealCompany(),
  hardware: hardwareCompany(),
};
const answer = (company: string, question: string) =>
  findCompanySections(texts[company] as CompanySections, companyTopicsIn(question));
const said = (company: string, question: string) =>
  answer(company, question)
    .sections.map((s) => s.content)
    .join("\n");

describe("questions map to topics", () => {
  it.each([
    ["¿dónde queda la tienda?", ["ubicacion"]],
    ["Dame tu dirección", ["ubicacion"]],
    ["¿cuál es el horario de atención?", ["horario"]],
    ["¿cuál es el whatsapp?", ["contacto"]],
    ["¿hacen envíos a Bogotá?", ["envios"]],
    ["¿qué formas de pago aceptan?", ["pagos"]],
    ["¿ustedes recargan extintores?", ["servicios"]],
    ["necesito factura electrónica", ["facturacion"]],
    ["¿qué garantía tienen?", ["garantia"]],
    ["si el overol me queda grande me lo cambian?", ["garantia"]],
    ["se la cambian por otra talla si no le sirve", ["garantia"]],
    ["tienen tapabocas normales", []],
  ])("%s", (question, topics) => {
    expect(companyTopicsIn(question)).toEqual(topics);
  });
});

describe("answers come from the company's own text, whatever its layout", () => {
  it.each([
    ["demo", "¿dónde queda la tienda?", "Calle 15 # 26-40"],
    ["real", "¿dónde están ubicados?", "Cra 4 #31-11"],
    ["real", "¿cuál es su teléfono?", "3182842304"],
    ["real", "¿hacen recarga de extintores?", "recarga"],
    ["hardware", "¿dónde quedan?", "Calle 30 # 25-10"],
    ["demo", "¿hacen envíos a Bogotá?", "transportadora"],
  ])("%s: %s", (company, question, expected) => {
    expect(said(company, question)).toContain(expected);
  });

  it("a topic the text does not cover is said to be missing, with a way to reach a person", () => {
    const a = answer("real", "¿a qué hora abren?");
    expect(a.missing).toEqual(["horario"]);
    expect(a.sections.map((s) => s.content).join("\n")).toContain("3182842304");
  });

  it("a specific question never returns the whole document", () => {
    const company = texts.demo as CompanySections;
    expect(answer("demo", "¿cuál es el whatsapp?").sections.length).toBeLessThan(company.sections.length);
  });

  it("reads the company's name from a heading or from its first sentence", () => {
    expect(texts.demo?.name).toBe("Sextinvalle S.A.S.");
    expect(texts.real?.name).toBe("Sextinvalle Ltda");
    expect(texts.hardware?.name).toBe("Ferretería La Tuerca");
  });
});
