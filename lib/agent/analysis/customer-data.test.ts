import { describe, expect, it } from "vitest";
import type { CustomerData, CustomerField } from "@/lib/sales/types";
import { extractCustomerData } from "./customer-data";

const ALL: CustomerField[] = ["name", "documentNumber", "phone", "address"];
const read = (text: string, expected: CustomerField[] = []) => extractCustomerData(text, { expected }).data;

describe("a bare reply is the field the agent asked for", () => {
  it.each<[string, CustomerField[], CustomerData]>([
    ["Juan Pérez", ["name"], { name: "Juan Pérez" }],
    ["maría fernanda lópez", ["name"], { name: "María Fernanda López" }],
    ["Logística Sur Occidente S.A.S.", ["name"], { name: "Logística Sur Occidente S.A.S." }],
    ["1144556677", ["documentNumber"], { documentType: "CC", documentNumber: "1144556677" }],
    // only the document was asked: a number starting with 3 is the document, not a phone
    ["3104567890", ["documentNumber"], { documentType: "CC", documentNumber: "3104567890" }],
    ["3104567890", ["phone"], { phone: "3104567890" }],
    ["900456781-6", ALL, { documentType: "NIT", documentNumber: "900456781-6" }],
    ["Cra 4 31-11 barrio San Nicolás", ["address"], { address: "Cra 4 31-11 barrio San Nicolás" }],
    ["finca La Esperanza, vereda El Carmen", ["address"], { address: "finca La Esperanza, vereda El Carmen" }],
  ])("%s (asked %j)", (text, expected, data) => {
    expect(read(text, expected)).toEqual(data);
  });

  it.each([
    ["Dame tu dirección", ["name"]],
    ["Hola buenas tardes", ["name"]],
    ["¿Cuánto vale el envío?", ["name"]],
    ["Juan Pérez", []],
  ] as const)("%s is not a name (asked %j)", (text, expected) => {
    expect(read(text, [...expected]).name).toBeUndefined();
  });
});

describe("data written together, in any order", () => {
  it("reads a contact card", () => {
    expect(read("Laura Gómez, cédula 1144556677, teléfono 3104567890, dirección Calle 5 # 38-25, Cali")).toEqual({
      name: "Laura Gómez",
      documentType: "CC",
      documentNumber: "1144556677",
      phone: "3104567890",
      address: "Calle 5 # 38-25",
      city: "Cali",
    });
  });

  it.each([
    [
      "a legal name with an article in it",
      "Ferretería El Tornillo SAS, nit 900123456-8, cel 3157778899",
      "Ferretería El Tornillo SAS",
    ],
    [
      "a surname that is also a town, when the card names its city",
      "Nubia Jamundí cc 1006234567 cel 3116549870 cra 7 # 15-30 Palmira",
      "Nubia Jamundí",
    ],
    [
      "a name after a sentence that finishes the cart",
      "listo, eso sería. Gloria Inés Patiño cc 31234567",
      "Gloria Inés Patiño",
    ],
  ])("%s", (_label, text, name) => {
    expect(read(text).name).toBe(name);
  });

  // A company's card: its legal name is the customer, whatever field follows it and whoever is its contact.
  it.each([
    ["factura a Pinturas del Valle SAS NIT 900123456-8, contacto Óscar Rey, cel 3157778899", "Pinturas del Valle SAS"],
    ["contacto Óscar Rey, cel 3157778899, facturar a Pinturas del Valle SAS nit 900123456-8", "Pinturas del Valle SAS"],
    ["la factura a Hornos Andinos Ltda nit 900123456-8 cel 3157778899 calle 8 # 2-10", "Hornos Andinos Ltda"],
  ])("the legal name of a company card: %s", (text, name) => {
    expect(read(text).name).toBe(name);
  });
  it.each([
    [
      "listo, facturar a Fundación Educativa Santa Clara, NIT 800214537-4, tel 3162228899",
      "Fundación Educativa Santa Clara",
    ],
    ["Talleres Ríos y Cía, NIT 900672318-4, cel 3201239876, Av Roosevelt # 38-32", "Talleres Ríos y Cía"],
    ["buenas, mis datos de una: Marta Lucía Mina, cc 76345987, cel 3145678901", "Marta Lucía Mina"],
    ["listo. datos pa la factura: Montajes Pance SAS, NIT 900456789-4, tel 3157788990", "Montajes Pance SAS"],
    ["bueno, le envío mis datos: Elkin Mario Rosero, cc 1144190876, cel 3218765432", "Elkin Mario Rosero"],
    ["le doy mis datos: Rosa Elvira Jamundí, cc 66912458, cel 3128734590, Cali", "Rosa Elvira Jamundí"],
  ])("who the order is billed to, however the card opens: %s", (text, name) => {
    expect(read(text).name).toBe(name);
  });
  // The agent asks only for what is missing: with the name not among it, the name was given already.
  it.each([
    ["a barrio after the street", "3204561238, calle 5 # 40-22 San Fernando"],
    ["a contact person", "contacto Diego Rivas, cel 3158889900, dirección calle 10 # 4-50"],
  ])("a later card's %s does not replace a name already given", (_label, text) => {
    const { data } = extractCustomerData(text, { expected: ["phone", "address"] });
    expect(data.name).toBeUndefined();
    expect(data.phone).toMatch(/^3\d{9}$/);
  });
  it("a company's legal name given later is the customer still", () => {
    const { data } = extractCustomerData("factura a Pinturas del Valle SAS NIT 900123456-8, cel 3157778899", {
      expected: ["phone", "address"],
    });
    expect(data.name).toBe("Pinturas del Valle SAS");
  });
  it.each([
    ["somos Pinturas del Valle SAS, necesitamos 20 cascos", "Pinturas del Valle SAS"],
    ["somos una constructora y necesitamos 20 cascos", undefined],
    ["buenas, hablo de Restaurante El Fogón SAS", "Restaurante El Fogón SAS"],
    ["buenas, le habla de parte de la obra", undefined],
  ])("«somos» names a company only: %s", (text, name) => {
    expect(read(text).name).toBe(name);
  });
  it("«a nombre mío» says whose name follows, it is none", () => {
    expect(read("a nombre mío, Rubén Darío Cortés cc 14876532 cel 3137789045").name).toBe("Rubén Darío Cortés");
  });
  it("a contact label is not part of a person's name", () => {
    expect(read("contacto Óscar Rey, cédula 1144556677, cel 3157778899").name).toBe("Óscar Rey");
  });

  it("a labelled address is the address whatever its format, but not a question about the shop's", () => {
    expect(read("Granja El Edén SAS, nit 900332145-9, tel 3172223344, dirección km 3 vía Rozo, Palmira")).toMatchObject(
      {
        address: "km 3 vía Rozo",
        city: "Palmira",
      },
    );
    expect(read("cuál es la dirección de ustedes? mi cel es 3172223344").address).toBeUndefined();
  });

  it("reads a company's legal name and its NIT, adding the check digit the DIAN would", () => {
    expect(read("a nombre de Bodegas del Pacífico S.A.S., NIT 901245783", ALL)).toMatchObject({
      name: "Bodegas del Pacífico S.A.S.",
      documentType: "NIT",
      documentNumber: "901245783-9",
    });
  });
});

describe("a street numbered towards a cardinal point, with its letters", () => {
  it.each([
    ["Rosa Ortiz, cc 38654321, cel 3124445566, Calle 3 Oeste # 40-19", "Calle 3 Oeste # 40-19"],
    ["Rosa Ortiz, cc 38654321, cel 3124445566, Cra 39 # 5-20 sur", "Cra 39 # 5-20 sur"],
    ["Rosa Ortiz 38654321 3124445566 Calle 21N # 4AN-18 Granada", "Calle 21N # 4AN-18"],
  ])("%s", (text, address) => {
    expect(read(text).address).toBe(address);
  });
});

describe("a document keyword is a word of its own", () => {
  it.each([
    ["Martha Cecilia Quintero cc 31234876 cel 3187654321", "Martha Cecilia Quintero", "31234876"],
    ["Celeste Ramos, cédula 1144556677, 3104567890", "Celeste Ramos", "1144556677"],
  ])("%s", (text, name, document) => {
    const { data } = extractCustomerData(text, { expected: ["name", "documentNumber", "phone", "address"] });
    expect(data.name).toBe(name);
    expect(data.documentNumber).toBe(document);
  });
});

describe("streets named by words, not numbers", () => {
  it.each([
    ["Av Ciudad de Cali # 15-60 Bochalema", "Av Ciudad de Cali # 15-60"],
    ["avenida Roosevelt # 30-12 apto 301", "avenida Roosevelt # 30-12 apto 301"],
    ["Autopista Sur Oriental # 52-100", "Autopista Sur Oriental # 52-100"],
  ])("%s", (text, address) => {
    const data = read(`Marleny Ortiz cc 38912456 cel 3005567123 ${text}`);
    expect(data.address).toBe(address);
    expect(data.name).toBe("Marleny Ortiz");
  });
});

describe("a card whose fields are set apart by slashes", () => {
  it("reads each field", () => {
    expect(read("Diana Zuluaga / 1113654789 / 3009876123 / Calle 31 # 28-44 Palmira")).toMatchObject({
      name: "Diana Zuluaga",
      documentNumber: "1113654789",
      phone: "3009876123",
    });
  });
});

describe("a card typed in lower case, while a cart waits for its data", () => {
  const waiting = (text: string) => extractCustomerData(text, { nameLikely: true }).data;
  it.each([
    ["rosa elvira quiñones cc 31987654 cel 3157778899 cll 9 #4-20", "Rosa Elvira Quiñones"],
    ["edgar lasso, 16789012, 3012223344, av 6n #23-40", "Edgar Lasso"],
  ])("%s opens with the name", (text, name) => {
    expect(waiting(text).name).toBe(name);
  });

  it("is not read as a name when nothing waits for data", () => {
    expect(read("rosa elvira quiñones cc 31987654 cel 3157778899").name).toBeUndefined();
  });
});
