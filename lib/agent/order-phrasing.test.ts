import { describe, expect, it } from "vitest";
import { splitClauses } from "@/lib/agent/analysis/clauses";
import { type ClassifierContext, classifyIntent, quantityLines } from "@/lib/agent/understanding/intent";
import { replacesChoice } from "@/lib/agent/understanding/sale-events";
import type { Intent } from "./types";

const withProduct: ClassifierContext = { saleState: null, hasOpenCart: false, mentionsProduct: true };

describe("purchase imperatives and order lists", () => {
  it.each<[string, Intent]>([
    ["despáchame una docena de gafas oscuras", "venta"],
    ["me despacha un par de orejeras para casco", "venta"],
    ["anóteme un par de arneses", "venta"],
    ["apúntame 10 monogafas", "venta"],
    ["nos vende 2 kits de derrames", "venta"],
    ["necesito comprar extintores para la bodega", "venta"],
    ["pedido:\n- 2 eslingas\n- 1 línea de vida", "venta"],
    ["¿ustedes venden kits de derrames?", "inventario"],
    ["necesito guantes para soldar", "inventario"],
  ])("%s → %s", (text, intent) => {
    expect(classifyIntent(text, withProduct)).toBe(intent);
  });

  it.each<[string, number]>([
    ["- 2 eslingas\n- 2 arneses\n- 1 línea de vida", 3],
    ["necesitamos:\ntres extintores\n3 señales", 2],
    ["quiero 2 eslingas y 1 arnés", 0],
    ["2 eslingas y 1 arnés", 1],
    ["hola\nbuenas tardes", 0],
  ])("quantityLines(%j) = %i", (text, lines) => {
    expect(quantityLines(text)).toBe(lines);
  });

  it.each<[string, number]>([
    ["necesitamos:\n3 extintores\n3 señales\n1 gabinete", 4],
    ["3 extintores y 3 señales", 2],
    ["cinta amarilla y negra", 1],
  ])("splitClauses keeps line items apart: %j → %i clauses", (text, count) => {
    expect(splitClauses(text)).toHaveLength(count);
  });
});

describe("replacesChoice", () => {
  const resolved = { resolved: { sku: "CAL-002" } } as never;
  it.each<[string, Parameters<typeof replacesChoice>[0], number | null, boolean]>([
    ["one other product, pending quantity", [{ ...(resolved as object), quantity: null } as never], 4, true],
    ["no pending quantity", [{ ...(resolved as object), quantity: null } as never], null, false],
    ["product with its own quantity", [{ ...(resolved as object), quantity: 2 } as never], 4, false],
    ["unresolved mention", [{ resolved: null, quantity: null }], 4, false],
    [
      "two products",
      [{ ...(resolved as object), quantity: null } as never, { resolved: null, quantity: null }],
      4,
      false,
    ],
    ["nothing named", [], 4, false],
  ])("%s → %s", (_label, mentions, pending, expected) => {
    expect(replacesChoice(mentions, pending)).toBe(expected);
  });
});
