import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listInventoryFacets } from "@/lib/db/inventory";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// The inventory filter menus: every category and brand once, sorted, read by GROUP BY and kept until a product
// changes — a new category or a renamed brand shows on the next read.
describe.each(FLAVOURS)("inventory facets on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
  });
  afterAll(async () => t.drop());

  const distinct = async (column: "category" | "brand") =>
    [...new Set((await t.db.product.findMany({ select: { category: true, brand: true } })).map((p) => p[column]))]
      .filter(Boolean)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  it("lists each category and brand once, in order, and follows product writes", async () => {
    const first = await listInventoryFacets();
    expect(first.categories.length).toBeGreaterThan(1);
    expect(first.categories).toEqual(await distinct("category"));
    expect(first.brands).toEqual(await distinct("brand"));

    const product = await t.db.product.create({
      data: {
        sku: `FACET-${flavour}`,
        name: "Producto de faceta",
        description: "",
        category: "Zeta categoría nueva",
        brand: "Marca Única",
        price: 1000,
        stock: 1,
        unit: "unidad",
        synonyms: "",
        searchText: "producto de faceta",
      },
    });
    const second = await listInventoryFacets();
    expect(second.categories.at(-1)).toBe("Zeta categoría nueva");
    expect(second.brands).toContain("Marca Única");

    await t.db.product.update({ where: { id: product.id }, data: { brand: "Marca Renombrada" } });
    const third = await listInventoryFacets();
    expect(third.brands).toContain("Marca Renombrada");
    expect(third.brands).not.toContain("Marca Única");
    expect(third.brands).toEqual(await distinct("brand"));
  });
});
