import { describe, expect, it } from "vitest";
import type { SaleSnapshot } from "@/lib/sales/types";
import { classifyIntent } from "@/lib/agent/understanding/intent";
import { composeAnswer } from "@/lib/agent/wording/compose";
import { extractCustomerData } from "@/lib/agent/analysis/customer-data";
import { loadCatalog, loadCompany } from "@/lib/agent/test-support/fixtures";
import { planTurn, type TurnPlan } from "@/lib/agent/planning/plan";
import type { HistoryTurn, Intent } from "./types";

const catalog = loadCatalog();
const company = loadCompany();

function converse(messages: string[]): TurnPlan[] {
  const history: HistoryTurn[] = [];
  let sale: SaleSnapshot | null = null;
  return messages.map((text) => {
    const plan = planTurn({ text, history: history.slice(-10), sale, catalog, company, isStaff: false });
    sale = plan.sale;
    history.push(
      { role: "user", text, intent: plan.intent },
      { role: "assistant", text: composeAnswer(plan.facts), shownSkus: plan.products.map((p) => p.sku) },
    );
    return plan;
  });
}
const last = (messages: string[]) => converse(messages).at(-1) as TurnPlan;
const lines = (plan: TurnPlan) => plan.sale?.lines.map((l) => [l.sku, l.quantity]) ?? [];

describe("intent: company topics spoken through product words", () => {
  it.each<[string, Intent]>([
    // "tarjeta" names the LOTO tags here, not a payment card.
    ["me regala el precio de las tarjetas de bloqueo", "inventario"],
    ["puedo pagar con tarjeta debito?", "contexto"],
    // "correo" is not the chin strap's "correa".
    ["me pasa el correo electronico de la empresa", "contexto"],
    ["que garantia traen los cascos", "contexto"],
    ["las cotizaciones hasta cuando son validas", "contexto"],
    ["si el overol me queda grande me lo cambian?", "contexto"],
    ["ustedes asesoran en seguridad industrial?", "contexto"],
  ])("%s → %s", (text, intent) => expect(last([text]).intent).toBe(intent));
});

describe("intent: quantities, articles and purchase verbs", () => {
  it.each<[string, Intent]>([
    ["necesito un arnes para trabajar en techos, cual tienen?", "inventario"],
    ["me interesa comprar un detector de humo", "venta"],
    ["quiero un detector de humo", "venta"],
    ["agregue 3 conos y 2 paquetes de tarjetas de bloqueo", "venta"],
    ["quiero 2 INC-001", "venta"],
  ])("%s → %s", (text, intent) => expect(last([text]).intent).toBe(intent));

  it("courtesy with a spelling-guess product match stays contexto", () => {
    expect(last(["mil gracias, muy amable"]).intent).toBe("contexto");
  });

  it("without label words the classifier keeps the old topic weight", () => {
    expect(classifyIntent("hacen envios a pasto?", { saleState: null, hasOpenCart: false })).toBe("contexto");
  });
});

describe("contact-card names", () => {
  it.each<[string, string | undefined]>([
    ["Natalia Arango, cédula 1151222333, celular 3178889900", "Natalia Arango"],
    ["mis datos: Jorge Mario Vélez, cc 16345678", "Jorge Mario Vélez"],
    ["Juan Camilo Torres cc 1061234567 tel 3134445566", "Juan Camilo Torres"],
    ["nombre completo: Ana María Ruiz; tel 3001234567", "Ana María Ruiz"],
    // Lower-case chunks are products or chatter unless a name is expected.
    ["cascos blancos, cc 12345678", undefined],
    ["Buenas Tardes, cc 12345678", undefined],
    ["Envíen A Palmira, cel 3001234567", undefined],
    // No document or phone: a capitalised chunk alone is not a contact card.
    ["Guantes Vaqueta, por favor", undefined],
  ])("%s → %s", (text, name) => expect(extractCustomerData(text).data.name).toBe(name));

  it("accepts a lower-case name when checkout expects it", () => {
    expect(extractCustomerData("felipe ocampo, cc 1112223334", { expectName: true }).data.name).toBe("Felipe Ocampo");
  });
});

describe("conversations", () => {
  it("an apology before a correction is not a product", () => {
    const plan = last(["me vende 4 extintores de co2", "no, perdón, que sean 2"]);
    expect(lines(plan)).toEqual([["INC-003", 2]]);
  });

  it("'y una caja de …' with an open cart adds a line", () => {
    const plan = last(["quiero 12 tapones reutilizables", "y una caja de tapabocas de tres capas"]);
    expect(plan.intent).toBe("venta");
    expect(lines(plan)).toEqual([
      ["AUD-002", 12],
      ["RES-007", 1],
    ]);
  });

  it("closes a sale bought by SKU with a contact card", () => {
    const plans = converse([
      "quiero 2 INC-001 y 1 inc 006",
      "Felipe Ocampo, cc 1112223334, cel 3001112233, dir Cl 5 # 66-20 Cali",
      "confirmo",
    ]);
    const final = plans.at(-1) as TurnPlan;
    expect(lines(final)).toEqual([
      ["INC-001", 2],
      ["INC-006", 1],
    ]);
    expect(final.sale?.customer.name).toBe("Felipe Ocampo");
    expect(final.effects).toEqual([{ type: "close_order" }]);
  });

  it("'orejeras de copa' goes straight to the cart; 'cascos' still asks", () => {
    expect(lines(last(["10 orejeras de copa"]))).toEqual([["AUD-003", 10]]);
    const helmets = last(["me vende 2 cascos"]);
    expect(helmets.sale?.pending?.kind).toBe("choose_product");
  });
});
