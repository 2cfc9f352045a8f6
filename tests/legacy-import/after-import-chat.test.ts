import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLegacyDatabase } from "@/lib/legacy-import";
import { runDialog, type TextoResponse } from "../chat/helpers";
import { FLAVOURS, freshDatabase, type TestDatabase, useDatabaseForApp } from "../databases";
import { APP_DB } from "./helpers";

// After the move, customers talk to the imported shop: the company text is the real one, and products are named,
// never shown by the SV-… codes the import made up (the shop never chose them).
const GENERATED_SKU = /\bSV-\d{4}\b/;
const customerFacing = (r: TextoResponse | undefined) => JSON.stringify([r?.respuesta, r?.sugerencias]);

describe.each(FLAVOURS)("the agent after the app.db import on %s", (flavour) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(flavour);
    useDatabaseForApp(t.url);
    await importLegacyDatabase(APP_DB, { dryRun: false, principal: null });
  }, 120_000);
  afterAll(async () => t.drop());

  it("answers where the shop is with the imported address", async () => {
    const [where] = await runDialog(["dónde están ubicados"], `tras-importar-lugar-${flavour}`);
    expect(where?.respuesta).toContain("Cra 4 #31-11");
  });

  it("sells a real product by its name and never shows its generated SKU", async () => {
    const responses = await runDialog(
      ["¿tienen extintores?", "quiero 2 Extintor PQS 9kg", "eso es todo"],
      `tras-importar-venta-${flavour}`,
    );
    expect(responses[1]?.respuesta).toContain("Extintor PQS 9kg");
    const sku = (await t.db.product.findFirstOrThrow({ where: { name: "Extintor PQS 9kg", active: true } })).sku;
    expect(sku).toMatch(GENERATED_SKU);
    expect(responses[2]?.metadatos.pedido?.items).toEqual([expect.objectContaining({ sku, cantidad: 2 })]);
    for (const response of responses) expect(customerFacing(response)).not.toMatch(GENERATED_SKU);
  });
});
