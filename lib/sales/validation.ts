// Validation of customer data needed for an electronic invoice and a delivery.

import type { CustomerData, CustomerField, DocumentType } from "./types";

/** Why each field is required — shown to the customer when it is missing. */
export const REQUIRED_FIELDS: ReadonlyArray<{ field: CustomerField; why: string }> = [
  { field: "name", why: "para la factura electrónica" },
  { field: "documentNumber", why: "la factura DIAN se emite a una cédula o NIT" },
  { field: "phone", why: "para coordinar la entrega" },
  { field: "address", why: "para el envío" },
];

/** Rural deliveries name a place instead of a street number. */
const RURAL_PLACE = /\b(finca|vereda|corregimiento|hacienda|parcela|km|kil[oó]metro|sector)\b/i;

export function onlyDigits(value: string): string {
  return value.replace(/\D/g, "");
}

const NIT_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/** DIAN's check digit of a NIT base number (weights from the right-most digit, modulo 11). */
export function nitCheckDigit(base: string): number {
  const digits = onlyDigits(base).split("").reverse();
  const sum = digits.reduce((s, d, i) => s + Number(d) * (NIT_WEIGHTS[i] ?? 0), 0);
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

/** "900123456" → "900123456-8"; a NIT written with its check digit keeps it (validation checks it). */
export function normalizeNit(raw: string): string {
  const cleaned = raw.replace(/[\s.]/g, "");
  const written = /^(\d{8,9})-?(\d)$/.exec(cleaned);
  if (written && (cleaned.includes("-") || cleaned.length === 10)) return `${written[1]}-${written[2]}`;
  const base = onlyDigits(cleaned);
  return /^\d{9}$/.test(base) ? `${base}-${nitCheckDigit(base)}` : cleaned;
}

function validateNit(number: string): string | null {
  const match = /^(\d{8,9})-(\d)$/.exec(number);
  if (!match) return "el NIT debe tener 9 dígitos y dígito de verificación (ej. 900123456-8)";
  return nitCheckDigit(match[1] as string) === Number(match[2])
    ? null
    : "el dígito de verificación del NIT no coincide; revisa el número";
}

function validateDocument(number: string, type: DocumentType | undefined): string | null {
  if (type === "NIT") return validateNit(number);
  if (type === "PASAPORTE") return /^[A-Z0-9]{5,12}$/i.test(number) ? null : "el pasaporte no parece válido";
  if (type === "CE")
    return /^\d{6,10}$/.test(number) ? null : "la cédula de extranjería debe tener entre 6 y 10 dígitos";
  return /^\d{6,10}$/.test(number) ? null : "la cédula debe tener entre 6 y 10 dígitos";
}

/** Returns the reason a value is invalid, or null when it is acceptable. */
export function validateCustomerField(field: CustomerField, data: CustomerData): string | null {
  const value = data[field];
  if (value === undefined) return null;
  switch (field) {
    case "name":
      return /^[\p{L}][\p{L}' .-]{1,79}$/u.test(value.trim()) && /\p{L}{2,}/u.test(value)
        ? null
        : "el nombre debe tener solo letras";
    case "documentNumber":
      return validateDocument(value, data.documentType);
    case "documentType":
      return ["CC", "NIT", "CE", "PASAPORTE"].includes(value) ? null : "tipo de documento desconocido";
    case "phone":
      return /^(3\d{9}|60\d{8})$/.test(value)
        ? null
        : "el celular debe tener 10 dígitos y empezar por 3 (ej. 310 456 7890)";
    case "address":
      return value.trim().length >= 6 && (/\d/.test(value) || RURAL_PLACE.test(value))
        ? null
        : "la dirección debe incluir calle/carrera y número (o la finca y la vereda)";
    case "city":
      return value.trim().length >= 3 ? null : "la ciudad no es válida";
    case "email":
      return /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value) ? null : "el correo no es válido";
  }
}

export function missingFields(customer: CustomerData): CustomerField[] {
  return REQUIRED_FIELDS.filter(({ field }) => !customer[field]?.trim()).map(({ field }) => field);
}

export function isCustomerComplete(customer: CustomerData): boolean {
  return missingFields(customer).length === 0;
}
