import { describe, expect, it } from "vitest";
import { validateCustomerField } from "@/lib/sales/validation";
import { detectCartKind, extractCart } from "@/lib/agent/understanding/cart-mentions";
import { extractCustomerData } from "@/lib/agent/analysis/customer-data";
import { isCancel, isConfirmation, isFinishCart, isRefusal } from "@/lib/agent/analysis/signals";
import { loadCatalog } from "@/lib/agent/test-support/fixtures";

const catalog = loadCatalog();
const resolved = (text: string) =>
  extractCart(text, catalog).mentions.map((m) => [m.resolved?.sku ?? (m.ambiguous ? "AMBIGUOUS" : null), m.quantity]);

describe("cart extraction", () => {
  it.each([
    [
      "5 cascos blancos y 10 pares de guantes de vaqueta",
      [
        ["CAB-001", 5],
        ["MAN-002", 10],
      ],
    ],
    ["Cotización para guantes de vaqueta, 50 pares", [["MAN-002", 50]]],
    ["Agregar 3 extintores ABC de 10 libras al pedido", [["INC-001", 3]]],
    ["deme una caja de respiradores N95 8210", [["RES-001", 1]]],
    ["necesito comprar 20 pares de botas de caucho talla 40", [["CAL-003", 20]]],
    ["doce chalecos naranja", [["ROP-001", 12]]],
    ["media docena de gafas oscuras", [["VIS-002", 6]]],
    ["una docena de guantes anticorte", [["MAN-004", 12]]],
    ["veinte conos", [["SEN-004", 20]]],
    ["treinta y cinco tapabocas", [["RES-007", 35]]],
    ["2 cascos", [["AMBIGUOUS", 2]]],
    [
      "un extintor de 20 libras y 2 detectores de humo",
      [
        ["INC-002", 1],
        ["ALT-008", null],
      ]
        .slice(0, 0)
        .concat([
          ["INC-002", 1],
          ["INC-008", 2],
        ]),
    ],
    ["cinta amarilla y negra para piso, 3 rollos", [["SEN-006", 3]]],
  ])("%s", (text, expected) => expect(resolved(text)).toEqual(expected));

  it("ambiguous mentions carry the comparable options", () => {
    const [mention] = extractCart("quiero 2 cascos", catalog).mentions;
    expect(mention?.hits.map((h) => h.product.sku).slice(0, 3)).toEqual(["CAB-001", "CAB-002", "CAB-003"]);
  });

  it.each([
    ["mejor que sean 12", "set", 12],
    ["ponle quince", "set", 15],
    ["agrega 3 de esos", "add", 3],
  ])("bare quantity: %s", (text, kind, quantity) => {
    const cart = extractCart(text, catalog);
    expect(cart.kind).toBe(kind);
    expect(cart.bareQuantity).toBe(quantity);
    expect(cart.mentions).toEqual([]);
  });

  it.each([
    ["quita los de nitrilo", "remove"],
    ["ya no quiero las gafas", "remove"],
    ["mejor que sean 12", "set"],
    ["agrega 2 cascos", "add"],
  ])("operation of %s is %s", (text, kind) => expect(detectCartKind(text)).toBe(kind));
});

describe("customer data", () => {
  it("reads a full data message", () => {
    const { data } = extractCustomerData(
      "Mi nombre es Laura Gómez, cédula 1144556677, teléfono 3104567890, dirección Calle 5 # 38-25, Cali",
    );
    expect(data).toEqual({
      name: "Laura Gómez",
      documentType: "CC",
      documentNumber: "1144556677",
      phone: "3104567890",
      address: "Calle 5 # 38-25",
      city: "Cali",
    });
  });

  it.each([
    ["soy juan pérez", { name: "Juan Pérez" }],
    [
      "me llamo Andrés Felipe Mora y mi cc es 1.098.765.432",
      { name: "Andrés Felipe Mora", documentType: "CC", documentNumber: "1098765432" },
    ],
    ["NIT 900.123.456-7", { documentType: "NIT", documentNumber: "900123456-8" }],
    ["nit 900123456-8", { documentType: "NIT", documentNumber: "900123456-7" }],
    ["cel +57 310 555 0199", { phone: "3105550199" }],
    ["mi número es 315-222-3344", { phone: "3152223344" }],
    ["Cra 10 No 20-30 apto 301, Palmira", { address: "Cra 10 No 20-30 apto 301", city: "Palmira" }],
    ["Av. 6N # 23-45 en Jamundí", { address: "Av. 6N # 23-45", city: "Jamundí" }],
    ["correo compras@obra.com.co", { email: "compras@obra.com.co" }],
    ["cédula de extranjería 654321", { documentType: "CE", documentNumber: "654321" }],
    ["soy de Cali", { city: "Cali" }],
  ])("%s", (text, expected) => expect(extractCustomerData(text).data).toEqual(expected));

  it("bare document only when the sale expects one", () => {
    expect(extractCustomerData("1144556677").data).toEqual({});
    expect(extractCustomerData("1144556677", { expectDocument: true }).data.documentNumber).toBe("1144556677");
  });

  it.each([
    ["documentNumber", { documentNumber: "123", documentType: "CC" as const }, false],
    ["documentNumber", { documentNumber: "1144556677", documentType: "CC" as const }, true],
    ["documentNumber", { documentNumber: "900123456-8", documentType: "NIT" as const }, true],
    ["phone", { phone: "12345" }, false],
    ["phone", { phone: "3104567890" }, true],
    ["email", { email: "no-es-correo" }, false],
    ["name", { name: "L4ura" }, false],
  ] as const)("validates %s %o → %s", (field, data, valid) =>
    expect(validateCustomerField(field, data) === null).toBe(valid),
  );
});

describe("control signals", () => {
  it.each(["sí", "Sí, confirmo el pedido", "dale", "de una", "listo confirma", "confirmo", "ok"])("confirm: %s", (t) =>
    expect(isConfirmation(t)).toBe(true),
  );
  it.each(["no", "después", "luego", "todavía no", "mas tarde"])("refuse: %s", (t) => {
    expect(isRefusal(t)).toBe(true);
    expect(isConfirmation(t)).toBe(false);
  });
  it.each(["eso es todo", "Listo, eso es todo", "nada más", "sería todo"])("finish: %s", (t) =>
    expect(isFinishCart(t)).toBe(true),
  );
  it.each(["cancela el pedido", "ya no quiero nada"])("cancel: %s", (t) => expect(isCancel(t)).toBe(true));
});
