import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as consoleEvents } from "@/app/api/console/events/route";
import type { LiveCatalogIndex } from "@/lib/agent/retrieval/catalog-index";
import { catalogSource } from "@/lib/chat/catalog-feed";
import { currentKnowledge, forgetKnowledge, knowledgeReady, warmKnowledge } from "@/lib/chat/knowledge";
import { type LoadedProduct, loadProductsById, readKnowledgeVersions } from "@/lib/db/catalog";
import { env } from "@/lib/env";
import { applyProductImport, parseProductImport } from "@/lib/imports";
import { eventBus, type RealtimeEvent } from "@/lib/realtime/bus";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { createApiKeyFor } from "./helpers";

// An import batch's products reach the chat's index as they are written: this process's before the import moves
// on, another instance's when the bus event arrives — not on the next customer's turn, which read them back from
// the database and indexed them while the customer waited. The index is read here as it is held, without the
// versions read a turn makes (that read would refresh it from the database and hide where the products came from).
type Held = { index: LiveCatalogIndex; version: string };
const held = () => (globalThis as { __sextinvalleKnowledge?: { catalog?: Held } }).__sextinvalleKnowledge?.catalog;

const wire = (l: LoadedProduct) => ({ product: l.product, media: l.media, at: l.updatedAt.getTime() });
/** An event as another instance publishes it after committing these rows. */
const fromAnotherInstance = (rows: LoadedProduct[]): RealtimeEvent => ({
  type: "catalog",
  origin: "another-instance",
  source: catalogSource(env().DATABASE_URL),
  products: rows.map(wire),
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe.each(FLAVOURS)("catalogue feed on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    forgetKnowledge();
    warmKnowledge();
    await knowledgeReady();
  }, 30_000);
  afterAll(async () => {
    forgetKnowledge();
    await t.drop();
  });

  it("an import's products are in the index when the import ends, before any turn reads the catalogue", async () => {
    const versionBefore = held()?.version;
    const csv = [
      "sku,nombre,categoria,precio,stock",
      "FEED-001,Arnés multipropósito cuatro argollas,Alturas,310000,4",
      "FEED-002,Eslinga doble con absorbedor,Alturas,185000,9",
      "CAB-002,Casco dieléctrico clase E,Cabeza,99000,41",
    ].join("\n");
    const parsed = parseProductImport(csv);
    await applyProductImport(parsed.rows, null, { mode: "upsert", fileName: "feed.csv", batchRows: 2 });

    const index = held()?.index;
    const stored = await t.db.product.findMany({ where: { sku: { in: ["FEED-001", "FEED-002", "CAB-002"] } } });
    expect(stored).toHaveLength(3);
    for (const p of stored)
      expect(index?.bySku(p.sku)).toMatchObject({ id: String(p.id), price: p.price, stock: p.stock });
    expect(index?.search("arnes cuatro argollas").map((h) => h.product.sku)).toContain("FEED-001");
    // no refresh ran: the products came with the import, and the next turn's refresh finds them applied
    expect(held()?.version).toBe(versionBefore);
    const turn = await currentKnowledge();
    expect(turn.catalog).toBe(index);
    expect(held()?.version).toBe((await readKnowledgeVersions()).catalog);
  });

  it("another instance's batch, arriving on the bus, is indexed before any turn", async () => {
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } });
    await t.db.product.update({ where: { id: product.id }, data: { price: product.price + 2_500, stock: 77 } });
    const rows = await loadProductsById([product.id]);
    await eventBus().publish(fromAnotherInstance(rows));
    await until(() => held()?.index.bySku("CAB-001")?.stock === rows[0]?.product.stock);
    expect(held()?.index.bySku("CAB-001")).toMatchObject({
      price: rows[0]?.product.price,
      stock: rows[0]?.product.stock,
    });
  });

  it("an event older than what the index holds leaves the newer product in place", async () => {
    const product = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-003" } });
    await t.db.product.update({ where: { id: product.id }, data: { stock: product.stock + 1 } });
    const older = await loadProductsById([product.id]);
    await new Promise((r) => setTimeout(r, 5)); // a later stamp
    await t.db.product.update({ where: { id: product.id }, data: { stock: product.stock + 2 } });
    const newer = (await currentKnowledge()).catalog.bySku("CAB-003");
    expect(newer?.stock).toBe(product.stock + 2);

    // delivered late (Redis backlog, a slow instance): the older snapshot, then a change of another product
    await eventBus().publish(fromAnotherInstance(older));
    const other = await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-002" } });
    await t.db.product.update({ where: { id: other.id }, data: { stock: other.stock + 5 } });
    const marker = await loadProductsById([other.id]);
    await eventBus().publish(fromAnotherInstance(marker));
    await until(() => held()?.index.bySku("CAB-002")?.stock === marker[0]?.product.stock);
    expect(held()?.index.bySku("CAB-002")?.stock).toBe(marker[0]?.product.stock);
    expect(held()?.index.bySku("CAB-003")?.stock).toBe(product.stock + 2);
  });

  it("the console's event stream does not forward catalogue events (megabytes a batch) to the inbox", async () => {
    const key = await createApiKeyFor(t.db, "ventas");
    const closing = new AbortController();
    const response = await consoleEvents(
      new NextRequest("http://localhost/api/console/events", {
        headers: { authorization: `Bearer ${key}` },
        signal: closing.signal,
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const seen: string[] = [new TextDecoder().decode((await reader.read()).value)];
    const rows = await loadProductsById([(await t.db.product.findUniqueOrThrow({ where: { sku: "CAB-001" } })).id]);
    await eventBus().publish(fromAnotherInstance(rows));
    await eventBus().publish({ type: "note", chatId: "feed-test" });
    while (!seen.join("").includes("feed-test")) {
      const chunk = await reader.read();
      if (chunk.done) break;
      seen.push(new TextDecoder().decode(chunk.value));
    }
    closing.abort();
    expect(seen.join("")).toContain("feed-test");
    expect(seen.join("")).not.toContain("catalog");
  });
});
