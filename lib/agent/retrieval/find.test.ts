import { describe, expect, it } from "vitest";
import { product } from "../test-support/fixtures";
import { createCatalogIndex } from "./catalog-index";
import { findProducts } from "./find";

describe("a question in several sentences is answered by the sentence that states the need", () => {
  const shop = createCatalogIndex([
    product("TAP-1", "Tapones de espuma", "Tapones desechables", 1200, 500),
    product("ORE-1", "Orejeras tipo copa", "Orejeras con diadema", 29000, 40),
    product("PUL-1", "Pulidora industrial", "Máquina dura para trabajo pesado en la planta", 320000, 4),
    product("GUA-1", "Guantes de vaqueta", "Guantes de cuero", 15800, 90),
  ]);
  const listed = (question: string) => findProducts(question, shop).products.map((p) => p.sku);
  it.each([
    "necesito algo pa el ruido de la planta, las máquinas son muy duras, qué me recomienda",
    "las máquinas de la planta son muy duras y pesadas. algo para el ruido? q me recomienda",
  ])("%s", (question) => {
    const found = listed(question);
    expect(found).toEqual(expect.arrayContaining(["TAP-1", "ORE-1"]));
    expect(found).not.toContain("PUL-1");
  });
  it("a sentence that names a kind is the need, whatever the others say", () => {
    expect(listed("trabajamos en una planta con máquinas duras, necesito guantes")).toEqual(["GUA-1"]);
  });
});
