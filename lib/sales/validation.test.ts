import { describe, expect, it } from "vitest";
import { missingFields, nitCheckDigit, normalizeNit, validateCustomerField } from "./validation";

describe("NIT check digit (DIAN)", () => {
  it.each([
    ["900123456", 8],
    ["890399010", 6],
    ["800197268", 4],
    ["860002964", 4],
  ])("%s → %d", (base, digit) => {
    expect(nitCheckDigit(base)).toBe(digit);
  });

  it.each([
    ["900.123.456-8", "900123456-8"],
    ["9001234568", "900123456-8"],
    ["900123456", "900123456-8"],
    ["900123456 - 8", "900123456-8"],
  ])("normalises %s", (raw, expected) => {
    expect(normalizeNit(raw)).toBe(expected);
  });

  it.each([
    ["900123456-8", null],
    ["900123456-3", "el dígito de verificación del NIT no coincide; revisa el número"],
    ["90012345", "el NIT debe tener 9 dígitos y dígito de verificación (ej. 900123456-8)"],
  ])("validates %s", (number, reason) => {
    expect(validateCustomerField("documentNumber", { documentType: "NIT", documentNumber: number })).toBe(reason);
  });
});

describe("customer data for an order", () => {
  it("needs name, document, phone and address; the city is optional", () => {
    expect(missingFields({})).toEqual(["name", "documentNumber", "phone", "address"]);
    expect(
      missingFields({
        name: "Ana Ruiz",
        documentNumber: "1144556677",
        phone: "3104567890",
        address: "Calle 5 # 38-25",
      }),
    ).toEqual([]);
  });

  it.each([
    ["phone", "3104567890", null],
    ["phone", "2104567890", "el celular debe tener 10 dígitos y empezar por 3 (ej. 310 456 7890)"],
    ["documentNumber", "12345", "la cédula debe tener entre 6 y 10 dígitos"],
    ["documentNumber", "1144556677", null],
  ] as const)("%s %s", (field, value, reason) => {
    expect(validateCustomerField(field, { [field]: value })).toBe(reason);
  });
});
