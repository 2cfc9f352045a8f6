import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { indexSnapshot } from "@/lib/agent/test-support/index-snapshot";
import { currentKnowledge, detailsRead, forgetKnowledge, knowledgeReady, warmKnowledge } from "@/lib/chat/knowledge";
import { loadActiveCatalog, readKnowledgeVersions } from "@/lib/db/catalog";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";

// The agent's in-memory catalogue is built once, then follows the database through version numbers: a change of
// price or stock is patched into the same index, and so is a change of searchable words or activation (no
// rebuild; tests of lib/agent/retrieval/catalog-index-live.test.ts show it answers as a fresh build), and the
// company text and the global bot switch follow too — all written here through a separate client, as another
// process or instance would.
describe.each(FLAVOURS)("knowledge lifecycle on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    forgetKnowledge();
  });
  afterAll(async () => {
    forgetKnowledge();
    await t.drop();
  });

  it("builds in the background at start-up and serves that build", async () => {
    warmKnowledge();
    await knowledgeReady();
    const first = await currentKnowledge();
    const second = await currentKnowledge();
    expect(first.catalog.size()).toBe(await t.db.product.count({ where: { active: true } }));
    expect(second.catalog).toBe(first.catalog);
  }, 20_000);

  it("is current once built: the first turn has no changes to read (it read every stamp of a fresh import)", async () => {
    forgetKnowledge();
    warmKnowledge();
    await knowledgeReady();
    const held = (globalThis as { __sextinvalleKnowledge?: { catalog?: { version: string } } }).__sextinvalleKnowledge;
    expect(held?.catalog?.version).toBe((await readKnowledgeVersions()).catalog);
  }, 20_000);

  it("reads every product's details after the build, in the background, so no turn reads them", async () => {
    forgetKnowledge();
    warmKnowledge();
    await knowledgeReady();
    await detailsRead();
    const { catalog } = await currentKnowledge();
    const unread = catalog.all().filter((p) => !catalog.profile(p).detailsRead);
    expect(catalog.size()).toBeGreaterThan(50);
    expect(unread.map((p) => p.sku)).toEqual([]);
  }, 20_000);

  it("patches price and stock into the same index without rebuilding it", async () => {
    const before = await currentKnowledge();
    const helmet = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-002" } });
    await t.db.product.update({
      where: { sku: "CAB-002" },
      data: { stock: helmet.stock + 17, price: helmet.price + 1_000 },
    });
    const after = await currentKnowledge();
    expect(after.catalog).toBe(before.catalog);
    expect(after.catalog.bySku("CAB-002")).toMatchObject({ stock: helmet.stock + 17, price: helmet.price + 1_000 });
  });

  it("keeps photos current with the catalogue", async () => {
    await t.db.product.update({ where: { sku: "CAB-002" }, data: { imageKey: "products/cab-002-test" } });
    const k = await currentKnowledge();
    expect(k.media.get("CAB-002")?.imageKey).toBe("products/cab-002-test");
  });

  it("follows searchable words changing, a product appearing and one deactivated, in the same index", async () => {
    const before = await currentKnowledge();
    expect(before.catalog.search("zafiroquetzal").length).toBe(0);
    await t.db.product.update({ where: { sku: "CAB-001" }, data: { synonyms: "zafiroquetzal" } });
    await t.db.product.create({
      data: { sku: "TST-901", name: "Pértiga telescópica dieléctrica", category: "Eléctrico", price: 90_000, stock: 3 },
    });
    const renamed = await currentKnowledge();
    expect(renamed.catalog).toBe(before.catalog);
    expect(renamed.catalog.search("zafiroquetzal")[0]?.product.sku).toBe("CAB-001");
    expect(renamed.catalog.search("pertiga dielectrica")[0]?.product.sku).toBe("TST-901");

    await t.db.product.update({ where: { sku: "TST-901" }, data: { active: false } });
    const deactivated = await currentKnowledge();
    expect(deactivated.catalog.bySku("TST-901")).toBeUndefined();
    expect(deactivated.catalog.search("pertiga dielectrica").map((h) => h.product.sku)).not.toContain("TST-901");
  });

  it("answers, after products are created, re-worded, deactivated and reactivated, as a fresh build", async () => {
    const before = await currentKnowledge();
    const all = await t.db.product.findMany({ orderBy: { id: "asc" } });
    for (const [i, p] of all.entries()) {
      if (i % 5 === 0) await t.db.product.update({ where: { id: p.id }, data: { active: !p.active } });
      if (i % 7 === 3)
        await t.db.product.update({ where: { id: p.id }, data: { synonyms: `${p.synonyms};${p.brand}` } });
    }
    const copies = all.filter((_, i) => i % 9 === 1);
    for (const p of copies) {
      await t.db.product.create({
        data: { sku: `${p.sku}-B`, name: `${p.name} ${p.category}`, category: p.category, price: p.price, stock: 1 },
      });
    }
    const after = await currentKnowledge();
    expect(after.catalog).toBe(before.catalog);
    const queries = [...all, ...copies].flatMap((p) => [p.name, `${p.category} ${p.brand}`, p.synonyms]);
    const fresh = createCatalogIndex(await loadActiveCatalog());
    expect(indexSnapshot(after.catalog, queries)).toEqual(indexSnapshot(fresh, queries));
  }, 30_000);

  it("follows an import-sized change, then products changing again, as a fresh build", async () => {
    const before = await currentKnowledge();
    const base = await t.db.product.findMany({ orderBy: { id: "asc" }, take: 30 });
    await t.db.product.createMany({
      data: Array.from({ length: 240 }, (_, i) => {
        const p = base[i % base.length] as (typeof base)[number];
        return { sku: `LOTE-${i}`, name: `${p.name} lote ${i}`, category: p.category, price: 1_000 + i, stock: i % 5 };
      }),
    });
    await currentKnowledge();
    // some change again (price, words, deactivated) and one seeded product is re-worded
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.db.product.updateMany({ where: { sku: { in: ["LOTE-1", "LOTE-2"] } }, data: { price: 777 } });
    await t.db.product.update({ where: { sku: "LOTE-3" }, data: { name: "Casco renombrado del lote" } });
    await t.db.product.update({ where: { sku: "LOTE-4" }, data: { active: false } });
    await t.db.product.update({
      where: { id: (base[0] as (typeof base)[number]).id },
      data: { synonyms: "nuevo;sinonimo" },
    });
    const after = await currentKnowledge();
    expect(after.catalog).toBe(before.catalog);
    expect(after.catalog.bySku("LOTE-1")?.price).toBe(777);
    expect(after.catalog.bySku("LOTE-3")?.name).toBe("Casco renombrado del lote");
    expect(after.catalog.bySku("LOTE-4")).toBeUndefined();
    const all = await loadActiveCatalog();
    const queries = all.flatMap((p) => [p.name, `${p.category} ${p.brand}`, p.synonyms.join(" ")]);
    expect(indexSnapshot(after.catalog, queries)).toEqual(indexSnapshot(createCatalogIndex(all), queries));
  }, 30_000);

  it("follows the company text and the global bot switch", async () => {
    const latest = await t.db.companyInfo.findFirst({ orderBy: { version: "desc" } });
    await t.db.companyInfo.create({
      data: {
        version: (latest?.version ?? 0) + 1,
        content: "# Sextinvalle\n\n## Horario\nAbrimos los domingos de 9 a 11.",
      },
    });
    await t.db.setting.upsert({
      where: { key: "bot.global" },
      create: { key: "bot.global", value: JSON.stringify({ enabled: false, reason: "Inventario anual" }) },
      update: { value: JSON.stringify({ enabled: false, reason: "Inventario anual" }) },
    });
    const k = await currentKnowledge();
    expect(JSON.stringify(k.company)).toContain("domingos de 9 a 11");
    expect(k.botSwitch).toEqual({ enabled: false, reason: "Inventario anual" });
    await t.db.setting.delete({ where: { key: "bot.global" } });
    expect((await currentKnowledge()).botSwitch).toEqual({ enabled: true, reason: null });
  });
});
