import { describe, expect, it } from "vitest";
import { formatCop, formatDate, formatDateTime } from "@/lib/format";
import { foldText, productSearchText } from "@/lib/text";

describe("es-CO formatting", () => {
  it.each([
    [38_500, "$ 38.500"],
    [2_850_000, "$ 2.850.000"],
    [0, "$ 0"],
    [999, "$ 999"],
    [-15_000, "-$ 15.000"],
  ])("formats %i pesos as %s", (pesos, text) => {
    expect(formatCop(pesos)).toBe(text);
  });

  it("formats dates in Colombian time as dd/mm/yyyy", () => {
    expect(formatDate(new Date("2026-11-25T15:00:00Z"))).toBe("25/11/2026");
    // 02:00 UTC is still the previous day in Bogotá (UTC-5)
    expect(formatDate(new Date("2026-11-26T02:00:00Z"))).toBe("25/11/2026");
    expect(formatDateTime(new Date("2026-11-25T19:05:00Z"))).toBe("25/11/2026 14:05");
  });
});

describe("text folding", () => {
  it("drops case and accents so 'Guantes Dieléctricos' finds 'guantes dielectricos'", () => {
    expect(foldText("  Guantes   Dieléctricos Ñandú! ")).toBe("guantes dielectricos nandu");
  });

  it("builds the searchable text of a product from every field people search by", () => {
    const text = productSearchText({
      sku: "CAB-001",
      name: "Casco Blanco",
      category: "Protección",
      brand: "Steelpro",
      standard: "ANSI Z89.1",
      synonyms: "casco;casco obra",
    });
    expect(text).toBe("cab-001 casco blanco proteccion steelpro ansi z89.1 casco casco obra");
  });
});
