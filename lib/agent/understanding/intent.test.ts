import { describe, expect, it } from "vitest";
import { createCatalogIndex } from "../retrieval/catalog-index";
import { converse, hardwareCatalog, hardwareCompany, product } from "../test-support/fixtures";
import { clientLookupFrom } from "./client-lookup";

// Phrasings written for these mechanisms, not taken from any evaluation set.
const intentOf = (text: string) => converse(hardwareCatalog(), hardwareCompany(), [text]).last.intent;

describe("staff questions about a client", () => {
  it.each([
    "búscame el cliente Ferretería El Tornillo",
    "teléfono de contacto del cliente Pedro Lasso",
    "qué le vendimos en octubre a Jaime Ospina",
    "revisa el historial de Gloria Patiño",
    "pásame el historial del cliente nit 900123456-8",
    "muéstrame el historial de compras de Gloria Patiño",
    "las compras de la cédula 1144098765",
  ])("%s", (text) => {
    expect(intentOf(text)).toBe("cliente");
  });
  it("a customer's own history is not a client lookup", () => {
    expect(intentOf("quiero ver el historial de mis pedidos")).not.toBe("cliente");
  });
  it.each([
    "hola, le escribe Marta de compras de Tornillos del Sur SAS, necesitamos 4 martillos",
    "buenas, soy del área de compras de Pinturas Andinas, necesito 2 serruchos",
  ])("a purchasing department writing is a customer: %s", (text) => {
    expect(intentOf(text)).toBe("venta");
  });
});

describe("asking to be given information is asking, not buying", () => {
  it.each(["deme el valor de 3 serruchos", "buenas, me pasa la información del taladro percutor"])("%s", (text) => {
    expect(intentOf(text)).toBe("inventario");
  });
  it("being given the goods is buying", () => {
    expect(intentOf("me regala 2 martillos")).toBe("venta");
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

describe("describing a need is asking what fits it", () => {
  it.each([
    "necesito una escalera que aguante 150 kilos",
    "necesito un taladro pa perforar concreto",
    // a removal verb inside a purpose is no cart operation
    "serruchos pa sacar ramas gruesas",
  ])("%s", (text) => expect(intentOf(text)).toBe("inventario"));
  it.each(["necesito 2 taladros pa perforar concreto", "necesito un taladro percutor"])("%s still orders", (text) =>
    expect(intentOf(text)).toBe("venta"),
  );
});

describe("declining with nothing open", () => {
  it.each(["no gracias, por ahora no", "uy, lo voy a pensar"])("%s is acknowledged, not misunderstood", (text) => {
    const c = converse(hardwareCatalog(), hardwareCompany(), ["cuánto vale el serrucho?", text]);
    expect(c.last.understanding.understood).toBe(true);
    expect(c.answers[1]).not.toMatch(/no te entend/i);
  });
});

describe("company questions whose words also occur in product names", () => {
  // A small shop whose product names hold "punto", "correa" and "empresas": words the company questions use too.
  const shop = () =>
    createCatalogIndex([
      product("PUN-1", "Punto de soldadura eléctrico", "Soldador de punto para lámina delgada", 420000, 4),
      product("COR-1", "Correa de transmisión en V", "Correa dentada de caucho", 38000, 40, { synonyms: ["banda"] }),
      product("BOT-1", "Caja de herramientas para empresas", "Caja metálica con 120 piezas", 510000, 6),
    ]);
  const intent = (text: string) => converse(shop(), hardwareCompany(), [text]).last.intent;
  it.each([
    // a multi-word topic phrase of which a product name holds only one word is the company's
    "tienen punto de venta en palmira?",
    // a word the lexicon knows ("correo") is not a misspelling of a product word ("correa")
    "a que correo les mando la cotizacion",
    // how long the company has existed
    "hace cuanto existe la empresa",
  ])("%s", (text) => expect(intent(text)).toBe("contexto"));
  it("a product named by its own words stays a product question", () => {
    expect(intent("tienen correas en V?")).toBe("inventario");
    expect(intent("cuanto vale el punto de soldadura")).toBe("inventario");
  });
});

describe("staff lookups phrased around what the client has on record", () => {
  it.each([
    "datos registrados del cliente Hernando Quintero",
    "que celular tiene registrado la clienta Marleny Ospina",
    "muestrame las compras q ha hecho Wilmer Andrade",
    "pedidos anteriores de la señora amparo lozano",
    "compras previas del cliente gustavo rengifo",
    // A named client with a past purchase verb after it asks what that client bought.
    "la clienta Rubiela Gómez ya nos había comprado?",
    "el cliente Talleres del Sur SAS nos ha pedido algo este año",
  ])("%s", (text) => expect(intentOf(text)).toBe("cliente"));
  it("a customer saying they have bought before is not a lookup", () => {
    expect(intentOf("soy cliente, ya les he comprado antes, necesito 3 martillos")).not.toBe("cliente");
  });
  it("the name of a past-orders lookup leaves out the title", () => {
    expect(clientLookupFrom("pedidos anteriores de la señora amparo lozano")).toMatchObject({ name: "Amparo Lozano" });
  });
  it("a customer's own past orders are not a lookup", () => {
    expect(intentOf("quiero ver mis pedidos anteriores")).not.toBe("cliente");
  });
});

describe("a customer who says they are a client is still buying", () => {
  it("is not a staff lookup", () => {
    expect(intentOf("soy cliente registrado, necesito 3 martillos")).not.toBe("cliente");
  });
});

describe("narrowing the list just shown", () => {
  it("with a count of its own, picks from it", () => {
    const c = converse(hardwareCatalog(), hardwareCompany(), [
      "qué taladros tienen?",
      "el percutor de 650, 3 unidades",
    ]);
    expect(c.last.intent).toBe("venta");
  });
  it("without a count, keeps asking about it", () => {
    const c = converse(hardwareCatalog(), hardwareCompany(), ["qué taladros tienen?", "y el inalámbrico?"]);
    expect(c.last.intent).toBe("inventario");
  });
});

describe("asking whether anyone is there", () => {
  it.each(["hola, ¿hay alguien?", "buenos días, alguien por ahí que me colabore", "hay alguien atendiendo?"])(
    "%s is a greeting, not a product question",
    (text) => expect(intentOf(text)).toBe("contexto"),
  );
  it("«hay» with a product still asks for it", () => expect(intentOf("hay martillos?")).toBe("inventario"));
});
