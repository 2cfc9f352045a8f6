import { describe, expect, it } from "vitest";
import { applySaleEvent, applySaleEvents, cartTotal, newSale, orderDigest } from "./machine";
import type { CatalogLookup, SaleEvent, SaleSnapshot, SaleState } from "./types";

const PRODUCTS = {
  "CAB-001": { sku: "CAB-001", name: "Casco blanco", price: 38500, stock: 240, unit: "unidad", active: true },
  "AUX-003": { sku: "AUX-003", name: "Ducha lavaojos", price: 2850000, stock: 4, unit: "unidad", active: true },
  "OLD-001": { sku: "OLD-001", name: "Descontinuado", price: 1000, stock: 10, unit: "unidad", active: false },
  "CAB-002": { sku: "CAB-002", name: "Casco amarillo", price: 39500, stock: 3, unit: "unidad", active: true },
};
const lookup: CatalogLookup = (sku) => PRODUCTS[sku as keyof typeof PRODUCTS];
const fullCustomer = {
  name: "Laura Gómez",
  documentType: "CC" as const,
  documentNumber: "1144556677",
  phone: "3104567890",
  address: "Calle 5 # 38-25",
  city: "Cali",
};

const cart = (state: SaleState, extra: Partial<SaleSnapshot> = {}): SaleSnapshot => ({
  state,
  lines: [{ sku: "CAB-001", name: "Casco blanco", quantity: 5, unitPrice: 38500 }],
  customer: {},
  pending: null,
  ...extra,
});
const summaryShown = (snapshot: SaleSnapshot): SaleSnapshot => ({
  ...snapshot,
  pending: { kind: "confirm_order", digest: orderDigest(snapshot) },
});
const ready = summaryShown(cart("listo_para_finalizar", { customer: fullCustomer }));
const readyDigest = orderDigest(ready);

type Row = [string, SaleSnapshot | null, SaleEvent, SaleState, string[]];
const rows: Row[] = [
  ["first product opens the cart", null, { type: "add", sku: "CAB-001", quantity: 5 }, "pendiente", ["line_added"]],
  ["purchase intent without product", null, { type: "start" }, "iniciada", []],
  [
    "removing the product still being chosen withdraws the question",
    cart("pendiente", { pending: { kind: "choose_product", options: ["CAB-002", "AUX-003"], quantity: 1 } }),
    { type: "remove", sku: "CAB-002" },
    "pendiente",
    ["choice_dropped"],
  ],
  [
    "data already complete: the first product goes straight to the summary",
    { ...newSale(), customer: fullCustomer },
    { type: "add", sku: "CAB-001", quantity: 5 },
    "listo_para_finalizar",
    ["line_added", "ready_to_close"],
  ],
  [
    "ambiguous keeps iniciada",
    null,
    { type: "choose", options: ["CAB-001", "CAB-002"], quantity: 2 },
    "iniciada",
    ["ambiguous"],
  ],
  [
    "more than stock is refused",
    null,
    { type: "add", sku: "AUX-003", quantity: 30 },
    "iniciada",
    ["stock_insufficient"],
  ],
  ["inactive product", null, { type: "add", sku: "OLD-001", quantity: 1 }, "iniciada", ["product_not_found"]],
  ["eso es todo → collect data", cart("pendiente"), { type: "finish_cart" }, "recolectando_datos", ["missing_fields"]],
  ["eso es todo with empty cart", newSale(), { type: "finish_cart" }, "iniciada", ["empty_cart"]],
  [
    "eso es todo while a product is still being chosen asks the choice once more",
    cart("pendiente", { pending: { kind: "choose_product", options: ["CAB-002", "AUX-003"], quantity: 3 } }),
    { type: "finish_cart" },
    "pendiente",
    ["choice_open"],
  ],
  [
    "eso es todo with only an uncounted suggestion open moves on",
    cart("pendiente", { pending: { kind: "choose_product", options: ["CAB-002"], quantity: null } }),
    { type: "finish_cart" },
    "recolectando_datos",
    ["missing_fields"],
  ],
  [
    "eso es todo again after that reminder drops the choice and moves on",
    cart("pendiente", {
      pending: { kind: "choose_product", options: ["CAB-002", "AUX-003"], quantity: 3, reminded: true },
    }),
    { type: "finish_cart" },
    "recolectando_datos",
    ["choice_dropped", "missing_fields"],
  ],
  [
    "data with cart → collect",
    cart("pendiente"),
    { type: "customer_data", data: { name: "Laura Gómez" } },
    "recolectando_datos",
    ["customer_updated", "missing_fields"],
  ],
  [
    "all data → ready",
    cart("recolectando_datos"),
    { type: "customer_data", data: fullCustomer },
    "listo_para_finalizar",
    ["customer_updated", "ready_to_close"],
  ],
  [
    "invalid document is rejected",
    cart("recolectando_datos"),
    { type: "customer_data", data: { documentNumber: "123", documentType: "CC" } },
    "recolectando_datos",
    ["invalid_field", "missing_fields"],
  ],
  [
    "a yes while a product choice is still open in the checkout asks the choice, it does not become the summary",
    cart("listo_para_finalizar", {
      customer: fullCustomer,
      pending: { kind: "choose_product", options: ["CAB-002", "AUX-003"], quantity: 3 },
    }),
    { type: "confirm" },
    "listo_para_finalizar",
    ["choice_open"],
  ],
  [
    "an answer to the choice outside its options closes it",
    cart("pendiente", { pending: { kind: "choose_product", options: ["CAB-002", "AUX-003"], quantity: 3 } }),
    { type: "add", sku: "CAB-001", quantity: 3, answersChoice: true },
    "pendiente",
    ["line_added"],
  ],
  [
    "confirming the summary shown → close requested",
    ready,
    { type: "confirm", shown: readyDigest },
    "listo_para_finalizar",
    ["close_requested"],
  ],
  [
    "a yes that answers no summary is asked again",
    ready,
    { type: "confirm" },
    "listo_para_finalizar",
    ["reconfirm", "ready_to_close"],
  ],
  [
    "a yes to an older summary is asked again",
    ready,
    { type: "confirm", shown: "00000000" },
    "listo_para_finalizar",
    ["reconfirm", "ready_to_close"],
  ],
  [
    "confirm while collecting → missing",
    cart("recolectando_datos"),
    { type: "confirm" },
    "recolectando_datos",
    ["missing_fields"],
  ],
  ["confirm while shopping = finish", cart("pendiente"), { type: "confirm" }, "recolectando_datos", ["missing_fields"]],
  ["refusal leaves it open", ready, { type: "refuse" }, "listo_para_finalizar", ["postponed"]],
  [
    "swap a line for a sibling",
    cart("pendiente"),
    { type: "replace", sku: "CAB-001", by: "AUX-003" },
    "pendiente",
    ["stock_insufficient"],
  ],
  [
    "cart change when ready re-asks confirmation",
    ready,
    { type: "set_quantity", sku: "CAB-001", quantity: 12 },
    "listo_para_finalizar",
    ["quantity_set", "ready_to_close"],
  ],
  ["removing last line goes back to iniciada", ready, { type: "remove", sku: "CAB-001" }, "iniciada", ["line_removed"]],
  ["close confirmed", ready, { type: "close_confirmed", orderId: "P-1" }, "cerrada", ["closed"]],
  [
    "close failed → back to shopping",
    ready,
    { type: "close_failed", conflicts: [{ sku: "CAB-001", available: 3 }] },
    "pendiente",
    ["stock_insufficient"],
  ],
  ["cancel", cart("pendiente"), { type: "cancel" }, "cancelada", ["cancelled"]],
  ["closed sale ignores confirmations", cart("cerrada"), { type: "confirm" }, "cerrada", ["already_closed"]],
  [
    "closed sale + new product → new sale",
    cart("cerrada"),
    { type: "add", sku: "AUX-003", quantity: 1 },
    "pendiente",
    ["line_added"],
  ],
];

describe("applySaleEvent transitions", () => {
  it.each(rows)("%s", (_name, from, event, state, outcomes) => {
    const step = applySaleEvent(from, event, lookup);
    expect(step.snapshot.state).toBe(state);
    expect(step.outcomes.map((o) => o.type)).toEqual(outcomes);
  });
});

describe("confirmation answers the exact summary shown", () => {
  it("a change after the summary needs a new confirmation", () => {
    const changed = applySaleEvent(ready, { type: "set_quantity", sku: "CAB-001", quantity: 12 }, lookup);
    expect(changed.outcomes.map((o) => o.type)).toEqual(["quantity_set", "ready_to_close"]);
    const stale = applySaleEvent(changed.snapshot, { type: "confirm", shown: readyDigest }, lookup);
    expect(stale.outcomes.map((o) => o.type)).toEqual(["reconfirm", "ready_to_close"]);
    const fresh = applySaleEvent(changed.snapshot, { type: "confirm", shown: orderDigest(changed.snapshot) }, lookup);
    expect(fresh.outcomes.map((o) => o.type)).toEqual(["close_requested"]);
  });

  it("a change in the same message as the yes is not confirmed by it", () => {
    const step = applySaleEvents(
      ready,
      [
        { type: "add", sku: "AUX-003", quantity: 1 },
        { type: "confirm", shown: readyDigest },
      ],
      lookup,
    );
    expect(step.outcomes.map((o) => o.type)).not.toContain("close_requested");
    expect(step.snapshot.pending).toEqual({ kind: "confirm_order", digest: orderDigest(step.snapshot) });
  });

  it("changed customer data changes the digest", () => {
    const moved = applySaleEvent(ready, { type: "customer_data", data: { address: "Carrera 8 # 12-30" } }, lookup);
    expect(moved.outcomes.map((o) => o.type)).toEqual(["customer_updated", "ready_to_close"]);
    expect(orderDigest(moved.snapshot)).not.toBe(readyDigest);
  });

  it("missing data becomes the question the next bare reply answers", () => {
    const step = applySaleEvent(cart("pendiente"), { type: "finish_cart" }, lookup);
    expect(step.snapshot.pending).toEqual({
      kind: "customer_data",
      fields: ["name", "documentNumber", "phone", "address"],
    });
  });
});

describe("replace", () => {
  it("keeps the quantity and the line's place", () => {
    const two = applySaleEvents(
      null,
      [
        { type: "add", sku: "CAB-002", quantity: 2 },
        { type: "add", sku: "AUX-003", quantity: 1 },
      ],
      lookup,
    );
    const step = applySaleEvent(two.snapshot, { type: "replace", sku: "CAB-002", by: "CAB-001" }, lookup);
    expect(step.snapshot.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([
      ["CAB-001", 2, 38500],
      ["AUX-003", 1, 2850000],
    ]);
    expect(step.outcomes).toEqual([{ type: "line_replaced", sku: "CAB-002", by: "CAB-001", quantity: 2 }]);
  });

  it("refuses a sibling without the units and offers what there is", () => {
    const five = applySaleEvent(null, { type: "add", sku: "CAB-001", quantity: 5 }, lookup);
    const step = applySaleEvent(five.snapshot, { type: "replace", sku: "CAB-001", by: "CAB-002" }, lookup);
    expect(step.snapshot.lines).toEqual(five.snapshot.lines);
    expect(step.snapshot.pending).toEqual({ kind: "stock_offer", sku: "CAB-002", quantity: 3 });
  });
});

describe("rules", () => {
  it("stock offer: says how many there are and accepting adds exactly that", () => {
    const first = applySaleEvent(null, { type: "add", sku: "AUX-003", quantity: 30 }, lookup);
    expect(first.outcomes[0]).toEqual({ type: "stock_insufficient", sku: "AUX-003", requested: 30, available: 4 });
    expect(first.snapshot.lines).toEqual([]);
    const accepted = applySaleEvent(first.snapshot, { type: "confirm" }, lookup);
    expect(accepted.snapshot.lines).toEqual([
      { sku: "AUX-003", name: "Ducha lavaojos", quantity: 4, unitPrice: 2850000 },
    ]);
    expect(accepted.snapshot.state).toBe("pendiente");
  });

  it("declining the offer leaves the cart untouched", () => {
    const first = applySaleEvent(null, { type: "add", sku: "AUX-003", quantity: 30 }, lookup);
    const declined = applySaleEvent(first.snapshot, { type: "refuse" }, lookup);
    expect(declined.outcomes).toEqual([{ type: "offer_declined", sku: "AUX-003" }]);
    expect(declined.snapshot.pending).toBeNull();
  });

  it("adding to an existing line checks the accumulated quantity", () => {
    const step = applySaleEvents(
      null,
      [
        { type: "add", sku: "AUX-003", quantity: 3 },
        { type: "add", sku: "AUX-003", quantity: 2 },
      ],
      lookup,
    );
    expect(step.snapshot.lines[0]?.quantity).toBe(3);
    expect(step.outcomes.at(-1)).toEqual({ type: "stock_insufficient", sku: "AUX-003", requested: 5, available: 4 });
  });

  it("unit price always comes from the catalog and totals from lines", () => {
    const step = applySaleEvents(null, [{ type: "add", sku: "CAB-001", quantity: 5 }], lookup);
    expect(step.snapshot.lines[0]?.unitPrice).toBe(38500);
    expect(cartTotal(step.snapshot.lines)).toBe(192500);
  });

  it("only an explicit confirmation in listo_para_finalizar requests the close", () => {
    const states: SaleState[] = ["iniciada", "pendiente", "recolectando_datos"];
    for (const state of states) {
      const outcomes = applySaleEvent(cart(state), { type: "confirm" }, lookup).outcomes.map((o) => o.type);
      expect(outcomes).not.toContain("close_requested");
    }
  });
});

describe("a product given in reply to the choice", () => {
  it("closes the question even when it is none of the options", () => {
    const open = cart("pendiente", {
      pending: { kind: "choose_product", options: ["CAB-002", "AUX-003"], quantity: 3 },
    });
    const answered = applySaleEvent(open, { type: "add", sku: "CAB-001", quantity: 3, answersChoice: true }, lookup);
    const added = applySaleEvent(open, { type: "add", sku: "CAB-001", quantity: 3 }, lookup);
    expect(answered.snapshot.pending).toBeNull();
    expect(added.snapshot.pending?.kind).toBe("choose_product");
  });
});

describe("several products to choose, one question at a time", () => {
  const twoChoices = applySaleEvents(
    null,
    [
      { type: "choose", options: ["CAB-001", "CAB-002"], quantity: 5 },
      { type: "choose", options: ["AUX-003", "OLD-001"], quantity: 2, queue: true },
    ],
    lookup,
  );
  it("the first asked stays the question; the next waits behind it", () => {
    expect(twoChoices.snapshot.pending).toMatchObject({
      kind: "choose_product",
      options: ["CAB-001", "CAB-002"],
      quantity: 5,
      queued: [{ options: ["AUX-003", "OLD-001"], quantity: 2 }],
    });
  });
  it("answering the first takes its own count, then asks the next", () => {
    const step = applySaleEvent(twoChoices.snapshot, { type: "add", sku: "CAB-002", quantity: 3 }, lookup);
    expect(step.snapshot.lines).toEqual([{ sku: "CAB-002", name: "Casco amarillo", quantity: 3, unitPrice: 39500 }]);
    expect(step.snapshot.pending).toEqual({ kind: "choose_product", options: ["AUX-003", "OLD-001"], quantity: 2 });
    expect(step.outcomes).toContainEqual({ type: "ambiguous", options: ["AUX-003", "OLD-001"], quantity: 2 });
  });
  it("a new count for the first keeps the next waiting", () => {
    const step = applySaleEvent(
      twoChoices.snapshot,
      { type: "choose", options: ["CAB-001", "CAB-002"], quantity: 7 },
      lookup,
    );
    expect(step.snapshot.pending).toMatchObject({ quantity: 7, queued: [{ options: ["AUX-003", "OLD-001"] }] });
  });
  it("a line added outside every choice keeps the open one as it was, reminder included", () => {
    const open = cart("pendiente", {
      pending: {
        kind: "choose_product",
        options: ["CAB-002", "AUX-003"],
        quantity: 2,
        reminded: true,
        queued: [{ options: ["OLD-001"], quantity: 1 }],
      },
    });
    const step = applySaleEvent(open, { type: "add", sku: "CAB-001", quantity: 1 }, lookup);
    expect(step.snapshot.pending).toEqual(open.pending);
  });
  it("a product of a waiting choice given now answers that choice", () => {
    const step = applySaleEvent(twoChoices.snapshot, { type: "add", sku: "AUX-003", quantity: 2 }, lookup);
    expect(step.snapshot.pending).toEqual({ kind: "choose_product", options: ["CAB-001", "CAB-002"], quantity: 5 });
  });
  it("taking the first back asks the next", () => {
    const step = applySaleEvent(twoChoices.snapshot, { type: "remove", sku: "CAB-001" }, lookup);
    expect(step.snapshot.pending).toMatchObject({ options: ["AUX-003", "OLD-001"], quantity: 2 });
  });
  it("finishing twice with choices open drops them all, saying so", () => {
    const withLine = cart("pendiente", {
      pending: {
        kind: "choose_product",
        options: ["CAB-002", "AUX-003"],
        quantity: 2,
        queued: [{ options: ["OLD-001"], quantity: 1 }],
      },
    });
    const once = applySaleEvent(withLine, { type: "finish_cart" }, lookup);
    const twice = applySaleEvent(once.snapshot, { type: "finish_cart" }, lookup);
    expect(twice.snapshot.pending?.kind).not.toBe("choose_product");
    expect(twice.outcomes.filter((o) => o.type === "choice_dropped")).toHaveLength(2);
  });
});
