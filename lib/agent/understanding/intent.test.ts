import { describe, expect, it } from "vitest";
import { converse, hardwareCatalog, hardwareCompany } from "../test-support/fixtures";

// Phrasings written for these mechanisms, not taken from any evaluation set.
const intentOf = (text: string) => converse(hardwareCatalog(), hardwareCompany(), [text]).last.intent;

describe("staff questions about a client", () => {
  it.each([
    "búscame el cliente Ferretería El Tornillo",
    "teléfono de contacto del cliente Pedro Lasso",
    "qué le vendimos en octubre a Jaime Ospina",
    "revisa el historial de Gloria Patiño",
    "pásame el historial del cliente nit 900123456-8",
  ])("%s", (text) => {
    expect(intentOf(text)).toBe("cliente");
  });
  it("a customer's own history is not a client lookup", () => {
    expect(intentOf("quiero ver el historial de mis pedidos")).not.toBe("cliente");
  });
});

describe("comparing products is asking about them", () => {
  it.each([
    "qué diferencia hay entre el taladro percutor y el inalámbrico? vale la pena pagar más?",
    "cuál conviene más, la escalera de 5 pasos o la de 7?",
  ])("%s", (text) => {
    expect(intentOf(text)).toBe("inventario");
  });
});

describe("declining with nothing open", () => {
  it.each(["no gracias, por ahora no", "uy, lo voy a pensar"])("%s is acknowledged, not misunderstood", (text) => {
    const c = converse(hardwareCatalog(), hardwareCompany(), ["cuánto vale el serrucho?", text]);
    expect(c.last.understanding.understood).toBe(true);
    expect(c.answers[1]).not.toMatch(/no te entend/i);
  });
});
