import { describe, expect, it } from "vitest";
import { planTurn } from "@/lib/agent/planning/plan";
import { loadCatalog, loadCompany } from "@/lib/agent/test-support/fixtures";
import { TONES } from "@/lib/agent/types";
import { composeAnswer } from "./compose";
import { formatCop } from "./format";

const catalog = loadCatalog();
const company = loadCompany();
const facts = (text: string) => planTurn({ text, history: [], sale: null, catalog, company, isStaff: false }).facts;

describe("formatCop", () => {
  it.each([
    [38500, "$ 38.500"],
    [2850000, "$ 2.850.000"],
    [900, "$ 900"],
    [0, "$ 0"],
  ])("%d → %s", (value, text) => expect(formatCop(value)).toBe(text));
});

describe("composeAnswer", () => {
  it("lists products with name, SKU, formatted price and stock", () => {
    const text = composeAnswer(facts("chalecos reflectivos"));
    expect(text).toContain(
      "Chaleco reflectivo naranja con cinta de alta visibilidad (ROP-001) — $ 14.900 por unidad, 800 unidades disponibles",
    );
  });

  it("states insufficient stock and offers what there is", () => {
    expect(composeAnswer(facts("quiero 30 duchas lavaojos combinadas"))).toMatch(
      /solo tenemos 4 unidades de Ducha lavaojos de emergencia combinada \(AUX-003\)\. ¿Te las separo\?/,
    );
  });

  it("cart summary carries lines and total", () => {
    const text = composeAnswer(facts("me llevo 10 chalecos naranja"));
    expect(text).toContain("10 unidades de Chaleco reflectivo naranja");
    expect(text).toContain("Total: $ 149.000");
  });

  it("company answer contains the section content", () => {
    expect(composeAnswer(facts("¿cuál es el horario?"))).toContain("lunes a viernes de 7:30 a. m. a 5:30 p. m.");
  });

  it("greets", () => expect(composeAnswer(facts("Hola"))).toMatch(/Hola|Bienvenido/));

  it("tones change wording, never the facts", () => {
    const f = facts("quiero 3 extintores ABC de 10 libras");
    const texts = TONES.map((tone) => composeAnswer(f, { tone }));
    expect(new Set(texts).size).toBeGreaterThan(3);
    for (const text of texts) {
      expect(text).toContain("$ 98.000");
      expect(text).toContain("$ 294.000");
      expect(text).toContain("INC-001");
    }
  });

  it("is deterministic", () => {
    const f = facts("muéstrame las gafas de seguridad");
    expect(composeAnswer(f, { tone: "vendedor" })).toBe(composeAnswer(f, { tone: "vendedor" }));
  });

  it("client refusal never leaks data", () => {
    expect(composeAnswer(facts("Información del cliente 12345678"))).toMatch(/privacidad/);
  });
});
