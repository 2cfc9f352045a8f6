import { describe, expect, it } from "vitest";
import { loadCompany } from "@/lib/agent/test-support/fixtures";
import { findCompanySections } from "./company";

const company = loadCompany();
const titles = (q: string) => findCompanySections(company, q).sections.map((s) => s.title);

describe("company sections", () => {
  it("parses every ## heading", () => {
    expect(company.name).toBe("Sextinvalle S.A.S.");
    expect(company.sections.map((s) => s.title)).toContain("Garantía y devoluciones");
  });

  it.each([
    ["¿cuál es el horario de atención?", "Ubicación y horario"],
    ["¿dónde queda la tienda?", "Ubicación y horario"],
    ["Cómo contactarlos", "Contacto"],
    ["¿cuál es el whatsapp?", "Contacto"],
    ["¿hacen envíos a Bogotá?", "Envíos"],
    ["¿qué formas de pago aceptan?", "Formas de pago"],
    ["¿los precios incluyen IVA?", "Precios e impuestos"],
    ["necesito factura electrónica", "Facturación"],
    ["¿qué garantía tienen?", "Garantía y devoluciones"],
    ["¿puedo hacer una devolución?", "Garantía y devoluciones"],
    ["¿Quiénes son ustedes?", "Quiénes somos"],
    ["¿qué servicios ofrecen?", "Qué hacemos"],
    ["¿tienen certificaciones?", "Certificaciones"],
  ])("%s → %s", (q, title) => expect(titles(q)[0]).toBe(title));

  it("never returns the whole document for a specific question", () => {
    expect(titles("¿abren los sábados?").length).toBeLessThanOrEqual(2);
  });

  it("company information → summary of who, what and contact", () => {
    const answer = findCompanySections(company, "Información de la empresa");
    expect(answer.summary).toBe(true);
    expect(answer.sections.map((s) => s.title)).toEqual(["Quiénes somos", "Qué hacemos", "Contacto"]);
  });

  it("unrelated text finds nothing", () => expect(titles("quiero 3 cascos")).toEqual([]));
});
