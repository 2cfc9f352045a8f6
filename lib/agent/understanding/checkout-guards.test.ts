import { describe, expect, it } from "vitest";
import { extractCustomerData } from "../analysis/customer-data";
import { createCatalogIndex } from "../retrieval/catalog-index";
import { converse, hardwareCatalog, hardwareCompany, linesOf, product } from "../test-support/fixtures";

const hardware = hardwareCatalog();
const talk = (messages: string[], catalog = hardware) => converse(catalog, hardwareCompany(), messages);
const DATA = "Ana María Ruiz, cc 1144556677, cel 3104567890, calle 5 # 38-25 Palmira";

describe("putting the decision off until something happens never closes the order", () => {
  it.each([
    ["voy a esperar a que me paguen y le confirmo"],
    ["cuando me llegue la quincena le aviso"],
    ["apenas tenga el presupuesto le confirmo"],
    ["espero el pago de fin de mes y le cuento"],
    ["yo le confirmo, primero tengo que ver si el gerente me aprueba, no me lo vaya a despachar todavía"],
    ["sí, pero todavía no, le confirmo cuando llegue el jefe"],
  ])("%s", (reply) => {
    const c = talk(["quiero 2 martillos", "eso es todo", DATA, reply]);
    expect(c.plans[2]?.sale?.state).toBe("listo_para_finalizar");
    expect(c.last.effects).not.toContainEqual({ type: "close_order" });
    expect(c.sale?.state).not.toBe("cerrada");
  });

  it("a plain yes still closes it", () => {
    const c = talk(["quiero 2 martillos", "eso es todo", DATA, "sí, confirmo"]);
    expect(c.last.effects).toContainEqual({ type: "close_order" });
  });
});

describe("a yes with a condition or a question after it is not the confirmation", () => {
  it.each([
    ["si pero antes digame cuanto pesa cada uno"],
    ["sí, aunque primero quiero saber si tiene garantía"],
    ["listo pero primero dígame cuándo llega"],
    ["ok siempre y cuando llegue el viernes"],
  ])("%s", (reply) => {
    const c = talk(["quiero 2 martillos", "eso es todo", DATA, reply]);
    expect(c.plans[2]?.sale?.state).toBe("listo_para_finalizar");
    expect(c.last.effects).not.toContainEqual({ type: "close_order" });
    expect(c.sale?.state).toBe("listo_para_finalizar");
  });
});

describe("a no to the summary that says what to take out", () => {
  it.each([["no, así no, quíteme los serruchos"], ["no señor, saque el serrucho"]])("%s", (reply) => {
    const c = talk(["quiero 2 martillos y 1 serrucho", "eso es todo", DATA, reply]);
    expect(linesOf(c.sale)).toEqual([["MAR-16", 2]]);
    expect(c.last.effects).not.toContainEqual({ type: "close_order" });
  });
});

describe("a message with the customer's data never puts a product in the cart", () => {
  // The barrio's name is also a product word of this shop.
  const shop = createCatalogIndex([
    product("TAL-650", "Taladro percutor 650 W", "Con maletín", 189000, 12),
    product("TAL-20V", "Taladro inalámbrico 20 V", "Con dos baterías", 349000, 5),
    product("MAR-16", "Martillo de uña 16 onzas", "Mango de fibra", 32000, 25),
    product("CIN-AM", "Cinta amarilla de señalización", "Rollo de 100 m", 18000, 40, { synonyms: ["la floresta"] }),
  ]);
  it("while a counted choice is still open", () => {
    const c = talk(
      [
        "quiero 2 martillos y 3 taladros",
        "eso es todo",
        "Ana María Ruiz, cc 1144556677, cel 3104567890, cra 8 # 12-40 la floresta",
      ],
      shop,
    );
    expect(c.plans[0]?.sale?.pending?.kind).toBe("choose_product");
    expect(linesOf(c.sale)).toEqual([["MAR-16", 2]]);
  });
});

describe("another product named while choosing answers the choice", () => {
  it("the question is closed and the named product takes the count", () => {
    const c = talk(["necesito 2 taladros", "no, mejor los martillos"]);
    expect(c.plans[0]?.sale?.pending?.kind).toBe("choose_product");
    expect(linesOf(c.sale)).toEqual([["MAR-16", 2]]);
    expect(c.sale?.pending ?? null).toBeNull();
  });
});

describe("in the checkout, a product question still open is asked before the summary's confirmation", () => {
  it("the answer asks the choice, and a yes then does not close an order it never showed", () => {
    const c = talk(["quiero 2 martillos y 3 taladros", "eso es todo", DATA]);
    expect(c.sale?.pending?.kind).toBe("choose_product");
    expect(c.answers.at(-1)).not.toMatch(/confirmas/i);
    expect(c.answers.at(-1)).toMatch(/Taladro percutor/);
  });
});

describe("a swap said with a request verb before or after «mejor»", () => {
  it.each([
    ["deme mejor la de 7 pasos"],
    ["mejor mándeme la de 7 pasos"],
    ["pensándolo bien, deme mejor la de 7 pasos"],
    ["ay no, que sean de 7 pasos, las mismas 2"],
  ])("%s", (reply) => {
    const c = talk(["quiero 2 escaleras de 5 pasos", reply]);
    expect(linesOf(c.sale)).toEqual([["ESC-7", 2]]);
  });
});

describe("names on a contact card", () => {
  it.each([
    ["Edwin Restrepo, cc 1061789456, 3128889900, calle 13 #8-22 centro", "Edwin Restrepo"],
    [
      "empresa Ferreteria El Tornillo SAS nit 900318875-9 cel 3219876543 dir calle 13 #31-80",
      "Ferreteria El Tornillo SAS",
    ],
  ])("%s", (text, name) => {
    expect(extractCustomerData(text).data.name).toBe(name);
  });

  it("a town alone after the address is still the city, not a name", () => {
    expect(extractCustomerData("calle 13 #8-22, Restrepo Valle, cc 1061789456").data.name).toBeUndefined();
  });
});

describe("a customer who opens with their name", () => {
  it("is thanked by it, and the name is kept for the order", () => {
    const c = talk(["Ana María Ruiz", "quiero 2 martillos"]);
    expect(c.answers[0]).toMatch(/Gracias, Ana María Ruiz/);
    expect(c.sale?.customer.name).toBe("Ana María Ruiz");
    expect(linesOf(c.sale)).toEqual([["MAR-16", 2]]);
  });
  it("capitalised product words are not a name", () => {
    const c = talk(["Martillo De Uña"]);
    expect(c.sale?.customer?.name).toBeUndefined();
    expect(c.last.products.map((p) => p.sku)).toContain("MAR-16");
  });
});

describe("a card typed in lower case before «eso es todo»", () => {
  it("opens with the customer's name", () => {
    const c = talk(["quiero 2 martillos", "ana maría ruiz cc 1144556677 cel 3104567890 calle 5 # 38-25 palmira"]);
    expect(c.sale?.customer.name).toBe("Ana María Ruiz");
    expect(linesOf(c.sale)).toEqual([["MAR-16", 2]]);
  });
  it("product words opening it are no name", () => {
    const c = talk(["quiero 2 martillos", "taladro percutor, cc 1144556677, cel 3104567890"]);
    expect(c.sale?.customer?.name).toBeUndefined();
  });
});

describe("a late correction after an interjection names the old count", () => {
  it("no espere, eran 7 no 5", () => {
    const c = talk(["quiero 5 martillos", "eso es todo", DATA, "no espere, eran 7 no 5"]);
    expect(linesOf(c.sale)).toEqual([["MAR-16", 7]]);
    expect(c.last.effects).not.toContainEqual({ type: "close_order" });
  });
});

describe("a question comparing the options does not answer the choice", () => {
  it("when one option's words cover both", () => {
    const vests = createCatalogIndex([
      product("CHA-R", "Chaleco reflectivo", "Chaleco con cintas reflectivas", 11000, 24),
      product("CHA-AV", "Chaleco alta visibilidad", "Chaleco reflectivo de alta visibilidad", 14000, 12),
    ]);
    const c = talk(
      ["quiero 10 chalecos", "cual es la diferencia entre el reflectivo y el de alta visibilidad?"],
      vests,
    );
    expect(linesOf(c.sale)).toEqual([]);
  });
  it.each([
    ["¿cuál es la diferencia entre el percutor y el inalámbrico?"],
    // A question word opening the message asks as much as a question mark does.
    ["cual es mejor el percutor, comparado con el otro"],
  ])("%s", (question) => {
    const c = talk(["necesito 2 taladros", question]);
    expect(linesOf(c.sale)).toEqual([]);
    expect(c.sale?.pending?.kind).toBe("choose_product");
  });
});
